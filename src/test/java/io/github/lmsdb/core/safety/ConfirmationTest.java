package io.github.lmsdb.core.safety;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.Environment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfirmationTest {
    private static final String DB = "lms_db";

    @Test
    void developmentNeverRequiresConfirmation() {
        for (Operation operation : Operation.values()) {
            assertThat(Confirmation.required(Environment.DEVELOPMENT, operation)).as(operation.name()).isFalse();
        }
    }

    @Test
    void stagingRequiresConfirmationForDestructiveOperationsOnly() {
        EnumSet<Operation> required = EnumSet.noneOf(Operation.class);
        for (Operation operation : Operation.values()) {
            if (Confirmation.required(Environment.STAGING, operation)) {
                required.add(operation);
            }
        }
        assertThat(required).containsExactlyInAnyOrder(Operation.ROLLBACK, Operation.RESET, Operation.RESTORE, Operation.SEED_FRESH);
        assertThat(Confirmation.required(Environment.STAGING, Operation.MIGRATE)).isFalse();
    }

    @Test
    void productionRequiresConfirmationForEveryOperation() {
        for (Operation operation : Operation.values()) {
            assertThat(Confirmation.required(Environment.PRODUCTION, operation)).as(operation.name()).isTrue();
        }
    }

    @Test
    void expectedIsTheDatabaseNameOutsideProductionAndNameAtProductionInProduction() {
        assertThat(Confirmation.expected(Environment.DEVELOPMENT, DB)).isEqualTo("lms_db");
        assertThat(Confirmation.expected(Environment.STAGING, DB)).isEqualTo("lms_db");
        assertThat(Confirmation.expected(Environment.PRODUCTION, DB)).isEqualTo("lms_db@production");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void developmentPassesWithoutAskingEvenInBatchMode(Operation operation) {
        RecordingPrompt prompt = new RecordingPrompt(Optional.empty());

        assertThatCode(() -> Confirmation.check(Environment.DEVELOPMENT, operation, DB, null, prompt)).doesNotThrowAnyException();
        assertThat(prompt.questions).isEmpty();
    }

    @Test
    void stagingMigratePassesWithoutAsking() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.empty());

        assertThatCode(() -> Confirmation.check(Environment.STAGING, Operation.MIGRATE, DB, null, prompt)).doesNotThrowAnyException();
        assertThat(prompt.questions).isEmpty();
    }

    @Test
    void rightConfirmValuePassesWithoutAsking() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.empty());

        assertThatCode(() -> Confirmation.check(Environment.STAGING, Operation.ROLLBACK, DB, "lms_db", prompt)).doesNotThrowAnyException();
        assertThatCode(() -> Confirmation.check(Environment.PRODUCTION, Operation.MIGRATE, DB, "lms_db@production", prompt))
                .doesNotThrowAnyException();
        assertThat(prompt.questions).isEmpty();
    }

    @Test
    void wrongConfirmValueIsRefusedNamingTheExpectedValueWithoutAsking() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.of("lms_db"));

        assertThatThrownBy(() -> Confirmation.check(Environment.STAGING, Operation.RESET, DB, "other_db", prompt))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Confirmation 'other_db' does not match: reset in staging needs 'lms_db'. Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Confirm with -Dlmsdb.confirm=lms_db"));
        assertThat(prompt.questions).isEmpty();
    }

    @Test
    void stagingValueIsRefusedInProduction() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.of("lms_db@production"));

        assertThatThrownBy(() -> Confirmation.check(Environment.PRODUCTION, Operation.MIGRATE, DB, "lms_db", prompt))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Confirmation 'lms_db' does not match: migrate in production needs 'lms_db@production'. Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Confirm with -Dlmsdb.confirm=lms_db@production"));
        assertThat(prompt.questions).isEmpty();
    }

    @Test
    void withoutConfirmValueTheRightAnswerToThePromptPasses() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.of("lms_db@production"));

        assertThatCode(() -> Confirmation.check(Environment.PRODUCTION, Operation.RESTORE, DB, null, prompt)).doesNotThrowAnyException();
        assertThat(prompt.questions).containsExactly("Type 'lms_db@production' to restore lms_db (production): ");
    }

    @Test
    void blankConfirmValueCountsAsNoneAndAsks() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.of("lms_db"));

        assertThatCode(() -> Confirmation.check(Environment.STAGING, Operation.ROLLBACK, DB, "  ", prompt)).doesNotThrowAnyException();
        assertThat(prompt.questions).containsExactly("Type 'lms_db' to rollback lms_db (staging): ");
    }

    @Test
    void withoutConfirmValueAWrongAnswerToThePromptIsRefused() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.of("lms_db"));

        assertThatThrownBy(() -> Confirmation.check(Environment.PRODUCTION, Operation.ROLLBACK, DB, null, prompt))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Confirmation 'lms_db' does not match 'lms_db@production'. Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Confirm with -Dlmsdb.confirm=lms_db@production"));
        assertThat(prompt.questions).hasSize(1);
    }

    @Test
    void batchModeWithoutConfirmValueIsRefusedSayingNothingChanged() {
        RecordingPrompt prompt = new RecordingPrompt(Optional.empty());

        assertThatThrownBy(() -> Confirmation.check(Environment.STAGING, Operation.SEED_FRESH, DB, null, prompt))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("needs confirmation")
                .hasMessageContaining("Nothing was changed")
                .hasMessage("Seed with fresh in staging needs confirmation, and this build cannot ask (batch mode). Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Confirm with -Dlmsdb.confirm=lms_db"));
        assertThat(prompt.questions).hasSize(1);
    }

    @Test
    void batchModeInProductionIsRefusedForMigrate() {
        assertThatThrownBy(() -> Confirmation.check(Environment.PRODUCTION, Operation.MIGRATE, DB, null, new RecordingPrompt(Optional.empty())))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Migrate in production needs confirmation, and this build cannot ask (batch mode). Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Confirm with -Dlmsdb.confirm=lms_db@production"));
    }

    /** A prompt that always gives the same answer and remembers what it was asked. */
    private static final class RecordingPrompt implements Confirmation.Prompt {
        private final Optional<String> answer;
        private final List<String> questions = new ArrayList<>();

        RecordingPrompt(Optional<String> answer) {
            this.answer = answer;
        }

        @Override
        public Optional<String> ask(String question) {
            questions.add(question);
            return answer;
        }
    }
}
