package io.github.lmsdb.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RowCounterTest {
    @Test
    void countsRowsNonNullValuesAndNulls() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("rows_count"));
                Statement st = gateway.connection().createStatement()) {
            st.execute("create table \"Odd Name\" (id int, note text); insert into \"Odd Name\" values (1, 'a'), (2, null), (3, 'c')");
            RowCounter counter = new RowCounter(gateway.connection());

            assertThat(counter.rows("public", "Odd Name")).isEqualTo(3);
            assertThat(counter.nonNull("public", "Odd Name", "note")).isEqualTo(2);
            assertThat(counter.nulls("public", "Odd Name", "note")).isEqualTo(1);
        }
    }

    @Test
    void aTableTheUserMayNotReadFailsClosedNamingTheTableAndTheReason() throws Exception {
        ConnectionSettings owner = TestServer.newDatabase("rows_denied");
        String role = "rows_no_select_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        try (DatabaseGateway gateway = DatabaseGateway.connect(owner); Statement st = gateway.connection().createStatement()) {
            st.execute("create table secrets (id int); insert into secrets values (1), (2)");
            st.execute("create role " + role + " login");
            try (DatabaseGateway restricted = DatabaseGateway.connect(new ConnectionSettings(owner.url(), role, null, PasswordSource.NONE, null,
                    Duration.ofSeconds(10)))) {
                RowCounter counter = new RowCounter(restricted.connection());

                assertThatThrownBy(() -> counter.rows("public", "secrets"))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessage("Could not count the rows of table public.secrets: ERROR: permission denied for table secrets (SQL state 42501).")
                        .satisfies(e -> assertThat(((LmsdbException) e).hint().toString())
                                .contains("GRANT SELECT ON \"public\".\"secrets\" TO \"" + role + "\""));
                assertThatThrownBy(() -> counter.nonNull("public", "secrets", "id")).isInstanceOf(LmsdbException.class);
                assertThatThrownBy(() -> counter.rows("public", "no_such_table"))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessageContaining("public.no_such_table")
                        .hasMessageContaining("42P01");
            } finally {
                st.execute("drop owned by " + role + "; drop role " + role);
            }
        }
    }
}
