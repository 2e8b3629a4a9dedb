package io.github.lmsdb.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.TableInfo;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void applicationTablesLeaveOutFlywayHistoryPluginTablesAndPartitions() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("scope_tables"));
                Statement st = gateway.connection().createStatement()) {
            st.execute("create table users (id int)");
            st.execute("create table flyway_schema_history (id int)");
            st.execute("create table lmsdb_audit (id int)");
            st.execute("create table lmsdbx (id int)");
            st.execute("create table events (id int, at date) partition by range (at)");
            st.execute("create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01')");
            st.execute("create schema reporting");
            st.execute("create table reporting.daily (id int)");
            st.execute("create view user_view as select * from users");
            st.execute("create schema lmsdb");
            st.execute("create table lmsdb.lmsdb_metadata (key text)");

            assertThat(Scope.of(List.of("public")).applicationTables(gateway.connection()))
                    .extracting(TableInfo::displayName)
                    .containsExactly("events", "lmsdbx", "users");
            assertThat(Scope.of(List.of("public", "reporting")).applicationTables(gateway.connection()))
                    .extracting(TableInfo::displayName)
                    .containsExactly("events", "lmsdbx", "users", "reporting.daily");
            assertThat(Scope.of(List.of("public", "lmsdb")).applicationTables(gateway.connection()))
                    .extracting(TableInfo::displayName)
                    .containsExactly("events", "lmsdbx", "users");
        }
    }

    @Test
    void theCatalogReaderAndTheTableListAgreeOnWhatIsAnApplicationTable() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("scope_agree"));
                Statement st = gateway.connection().createStatement()) {
            st.execute("create table users (id int)");
            st.execute("create table flyway_schema_history (id int)");
            st.execute("create table lmsdb_audit (id int)");
            st.execute("create sequence lmsdb_seq");
            st.execute("create view lmsdb_view as select 1 as one");
            Scope scope = Scope.of(List.of("public"));

            Catalog catalog = CatalogReader.read(gateway.connection(), scope);

            assertThat(catalog.tables().keySet()).containsExactly("public.users");
            assertThat(scope.applicationTables(gateway.connection())).extracting(t -> t.schema() + "." + t.name())
                    .containsExactlyElementsOf(catalog.tables().keySet());
            assertThat(catalog.sequences()).isEmpty();
            assertThat(catalog.views()).isEmpty();
        }
    }
}
