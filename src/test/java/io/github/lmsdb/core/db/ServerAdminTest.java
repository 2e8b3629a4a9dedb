package io.github.lmsdb.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ServerAdminTest {

    @Test
    void quotedIdentifiersSurviveOddNames() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("admin_quote");
        try (ServerAdmin admin = ServerAdmin.connect(settings)) {
            String odd = "we\"ird db";
            assertThat(admin.exists(odd)).isFalse();
            admin.create(odd);
            assertThat(admin.exists(odd)).isTrue();
            admin.terminateAndDrop(odd);
            assertThat(admin.exists(odd)).isFalse();
        }
    }

    @Test
    void createsFromTemplateWithOwnerLocaleAndComment() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("admin_create");
        String name = settings.url().database() + "_copy";
        try (ServerAdmin admin = ServerAdmin.connect(settings)) {
            admin.create(name, ServerAdmin.Creation.DEFAULT.template("template0").owner("postgres")
                    .localeOf(settings.url().database()).comment("made by a test"));
            assertThat(admin.comment(name)).isEqualTo("made by a test");
            try (Statement st = admin.connection().createStatement();
                    ResultSet rs = st.executeQuery("select pg_get_userbyid(datdba), datcollate = (select datcollate from pg_database where datname = '"
                            + settings.url().database() + "') from pg_database where datname = '" + name + "'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("postgres");
                assertThat(rs.getBoolean(2)).isTrue();
            }
            admin.terminateAndDrop(name);
        }
    }

    @Test
    void terminateAndDropEndsTheSessionsOnTheDatabase() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("admin_drop");
        try (Connection held = DatabaseGateway.dataSource(settings).getConnection(); ServerAdmin admin = ServerAdmin.connect(settings)) {
            assertThat(held.isValid(1)).isTrue();
            admin.terminateAndDrop(settings.url().database());
            assertThat(admin.exists(settings.url().database())).isFalse();
            assertThat(held.isValid(1)).isFalse();
        }
    }

    @Test
    void renameAndSwapMoveNamesAndKeepTheOldDatabaseAside() throws Exception {
        ConnectionSettings a = TestServer.newDatabase("admin_swap");
        String name = a.url().database();
        try (ServerAdmin admin = ServerAdmin.connect(a)) {
            admin.create(name + "_new");
            admin.rename(name + "_new", name + "_next");
            assertThat(admin.exists(name + "_new")).isFalse();
            admin.create(name + "_marker");
            try (Connection next = DatabaseGateway.dataSource(a.withUrl(a.url().withDatabase(name + "_next"))).getConnection();
                    Statement st = next.createStatement()) {
                st.execute("create table from_next (id int)");
            }
            try (Connection current = DatabaseGateway.dataSource(a).getConnection()) {
                admin.swap(name, name + "_next", name + "_aside");
                assertThat(current.isValid(1)).as("the sessions on the swapped database were ended").isFalse();
            }
            assertThat(admin.exists(name + "_next")).isFalse();
            assertThat(admin.exists(name + "_aside")).isTrue();
            try (Connection swapped = DatabaseGateway.dataSource(a).getConnection(); Statement st = swapped.createStatement();
                    ResultSet rs = st.executeQuery("select to_regclass('from_next') is not null")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            admin.terminateAndDrop(name + "_aside");
            admin.terminateAndDrop(name + "_marker");
        }
    }
}
