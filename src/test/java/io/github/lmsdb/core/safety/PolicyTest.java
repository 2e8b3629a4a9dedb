package io.github.lmsdb.core.safety;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.Environment;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final String DB = "lms_db";

    @Test
    void resetIsRefusedInProduction() {
        assertThatThrownBy(() -> Policy.refuseForbidden(Environment.PRODUCTION, Operation.RESET, DB))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("refused in production")
                .hasMessageContaining("Nothing was changed")
                .hasMessage("lmsdb:reset is refused in production: it would drop every table of lms_db. Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .isEqualTo("  Run it against a development or staging database (-Dlmsdb.env=development with that database's -Dlmsdb.url)."));
    }

    @Test
    void seedIsRefusedInProduction() {
        assertThatThrownBy(() -> Policy.refuseForbidden(Environment.PRODUCTION, Operation.SEED, DB))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("refused in production")
                .hasMessageContaining("Nothing was changed")
                .hasMessage("lmsdb:seed is refused in production: it would load sample data into lms_db. Nothing was changed.");
    }

    @Test
    void resetAndSeedAreAllowedInDevelopmentAndStaging() {
        for (Environment environment : new Environment[] {Environment.DEVELOPMENT, Environment.STAGING}) {
            for (Operation goal : new Operation[] {Operation.RESET, Operation.SEED, Operation.SEED_FRESH}) {
                assertThatCode(() -> Policy.refuseForbidden(environment, goal, DB)).as(environment + " " + goal).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void otherGoalsAreAllowedInProduction() {
        for (Operation goal : new Operation[] {Operation.MIGRATE, Operation.ROLLBACK, Operation.RESTORE}) {
            assertThatCode(() -> Policy.refuseForbidden(Environment.PRODUCTION, goal, DB)).as(goal.label()).doesNotThrowAnyException();
        }
    }

    @Test
    void credentialsArePrintedInDevelopmentOnly() {
        assertThat(Policy.printsCredentials(Environment.DEVELOPMENT)).isTrue();
        assertThat(Policy.printsCredentials(Environment.STAGING)).isFalse();
        assertThat(Policy.printsCredentials(Environment.PRODUCTION)).isFalse();
    }

    @Test
    void backupBeforeChangesFollowsTheEnvironmentTableForEveryCell() {
        for (Operation op : new Operation[] {Operation.MIGRATE, Operation.ROLLBACK, Operation.RESTORE, Operation.RESET, Operation.SEED_FRESH}) {
            assertThat(Policy.backupBefore(Environment.DEVELOPMENT, op, true)).isEqualTo(Policy.BackupRule.BEST_EFFORT);
            assertThat(Policy.backupBefore(Environment.DEVELOPMENT, op, false)).isEqualTo(Policy.BackupRule.SKIP);
            assertThat(Policy.backupBefore(Environment.STAGING, op, false)).isEqualTo(Policy.BackupRule.BEST_EFFORT);
            assertThat(Policy.backupBefore(Environment.PRODUCTION, op, false)).isEqualTo(Policy.BackupRule.REQUIRED);
        }
        for (Environment env : Environment.values()) {
            assertThat(Policy.backupBefore(env, Operation.SEED, true)).isEqualTo(Policy.BackupRule.SKIP);
        }
    }

    @Test
    void auditIsMandatoryOnlyInProduction() {
        assertThat(Policy.auditRequired(Environment.DEVELOPMENT)).isFalse();
        assertThat(Policy.auditRequired(Environment.STAGING)).isFalse();
        assertThat(Policy.auditRequired(Environment.PRODUCTION)).isTrue();
    }

    @Test
    void aProductionStampRefusesDestructiveGoalsFromAnyOtherEnvironment() {
        AuditLog.Stamp production = new AuditLog.Stamp("production", java.time.Instant.parse("2026-11-25T14:00:00Z"), "migrate");
        for (Environment env : new Environment[] {Environment.DEVELOPMENT, Environment.STAGING}) {
            assertThatThrownBy(() -> Policy.refuseProtected(env, Operation.RESET, DB, production))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("lms_db is a protected database: it is stamped production (by lmsdb:migrate on 2026-11-25 14:00 UTC), "
                            + "and this reset runs as " + env.id() + ". Refused: nothing was changed.")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo(
                            "  The only way to proceed is under the stamped environment, with its confirmation: "
                                    + "-Dlmsdb.env=production -Dlmsdb.confirm=lms_db@production"));
        }
        assertThatCode(() -> Policy.refuseProtected(Environment.PRODUCTION, Operation.RESET, DB, production)).doesNotThrowAnyException();
        assertThatCode(() -> Policy.refuseProtected(Environment.DEVELOPMENT, Operation.MIGRATE, DB, production)).doesNotThrowAnyException();
    }

    @Test
    void aStagingStampRefusesDevelopmentOnlyAndNoStampRefusesNothing() {
        AuditLog.Stamp staging = new AuditLog.Stamp("staging", java.time.Instant.parse("2026-11-25T14:00:00Z"), "restore");
        assertThatThrownBy(() -> Policy.refuseProtected(Environment.DEVELOPMENT, Operation.ROLLBACK, DB, staging))
                .hasMessageContaining("stamped staging (by lmsdb:restore")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).endsWith("-Dlmsdb.env=staging -Dlmsdb.confirm=lms_db"));
        assertThatCode(() -> Policy.refuseProtected(Environment.STAGING, Operation.ROLLBACK, DB, staging)).doesNotThrowAnyException();
        assertThatCode(() -> Policy.refuseProtected(Environment.PRODUCTION, Operation.ROLLBACK, DB, staging)).doesNotThrowAnyException();
        assertThatCode(() -> Policy.refuseProtected(Environment.DEVELOPMENT, Operation.RESET, DB, null)).doesNotThrowAnyException();
    }
}
