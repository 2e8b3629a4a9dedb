package io.github.lmsdb.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration lock belongs to a database and a history schema. */
class MigrationLockTest {
    private static MigrationListener recording(List<String> messages) {
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                messages.add(message);
            }
        };
    }

    @Test
    void runsOnDifferentSchemasOfOneDatabaseDoNotWaitButTwoOnOneSchemaDo() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("lock_schemas");
        List<String> messages = new ArrayList<>();
        try (DatabaseGateway a = DatabaseGateway.connect(db); DatabaseGateway b = DatabaseGateway.connect(db);
                DatabaseGateway observer = DatabaseGateway.connect(db);
                MigrationLock tenantA = MigrationLock.acquire(a.connection(), "tenant_a", Duration.ofSeconds(1), recording(messages))) {
            try (MigrationLock tenantB = MigrationLock.acquire(b.connection(), "tenant_b", Duration.ofSeconds(1), recording(messages))) {
                assertThat(messages).as("another schema's lock is not waited for").isEmpty();
                assertThat(MigrationLock.holder(observer.connection(), "tenant_a")).get().extracting(MigrationLock.Holder::serverPid)
                        .isEqualTo(pid(a));
                assertThat(MigrationLock.holder(observer.connection(), "tenant_b")).get().extracting(MigrationLock.Holder::serverPid)
                        .isEqualTo(pid(b));
                assertThat(MigrationLock.holder(observer.connection(), "tenant_c")).isEmpty();
            }
            assertThatThrownBy(() -> MigrationLock.acquire(b.connection(), "tenant_a", Duration.ofSeconds(1), recording(messages)))
                    .isInstanceOf(LmsdbException.class).hasMessageContaining("still holds the migration lock of schema tenant_a");
            assertThat(messages).singleElement().asString()
                    .startsWith("Another lmsdb run holds the migration lock of schema tenant_a on this database (server process " + pid(a));
        }
    }

    @Test
    void theKeyIsTheSameForTheSameSchemaAndDiffersBetweenSchemas() {
        assertThat(MigrationLock.key("public")).isEqualTo(MigrationLock.key("public"));
        assertThat(MigrationLock.key("tenant_001")).isNotEqualTo(MigrationLock.key("tenant_002"));
        assertThat(MigrationLock.isMigrationLock(MigrationLock.key("tenant_001") >>> 32)).isTrue();
    }

    private static int pid(DatabaseGateway g) throws Exception {
        try (var st = g.connection().createStatement(); var rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
