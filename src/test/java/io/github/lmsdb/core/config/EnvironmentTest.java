package io.github.lmsdb.core.config;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void parsesTheNamesUsersType() throws Exception {
        assertThat(Environment.parse("development")).isEqualTo(Environment.DEVELOPMENT);
        assertThat(Environment.parse("staging")).isEqualTo(Environment.STAGING);
        assertThat(Environment.parse("production")).isEqualTo(Environment.PRODUCTION);
    }

    @Test
    void parseIsCaseInsensitiveAndTrims() throws Exception {
        assertThat(Environment.parse("PRODUCTION")).isEqualTo(Environment.PRODUCTION);
        assertThat(Environment.parse("Staging")).isEqualTo(Environment.STAGING);
        assertThat(Environment.parse("  production \t")).isEqualTo(Environment.PRODUCTION);
    }

    @Test
    void blankOrNullMeansDevelopment() throws Exception {
        assertThat(Environment.parse(null)).isEqualTo(Environment.DEVELOPMENT);
        assertThat(Environment.parse("")).isEqualTo(Environment.DEVELOPMENT);
        assertThat(Environment.parse("   ")).isEqualTo(Environment.DEVELOPMENT);
    }

    @Test
    void unknownValueIsRefusedListingTheAllowedValues() {
        assertThatThrownBy(() -> Environment.parse("prod"))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Unknown environment 'prod'. Allowed values: development, staging, production.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("-Dlmsdb.env="));
    }

    @Test
    void idAndToStringAreTheLowerCaseName() {
        assertThat(Environment.PRODUCTION.id()).isEqualTo("production");
        assertThat(Environment.STAGING.toString()).isEqualTo("staging");
        assertThat(Environment.DEVELOPMENT.id()).isEqualTo("development");
    }
}
