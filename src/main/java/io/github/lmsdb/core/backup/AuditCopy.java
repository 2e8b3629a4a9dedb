package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.safety.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The audit trail lives in the database a restore replaces, and the restored database holds the
 * trail as it was at backup time (or none): before the swap, the records the restored database
 * lacks are copied into it from the one being replaced, so a restore never loses a record.
 * A record is the same record when every column but its id is equal.
 */
final class AuditCopy {
    private static final String TABLE = AuditLog.SCHEMA + ".lmsdb_audit";
    private static final String COLUMNS = "at, goal, environment, database_user, os_user, host, plugin_version, parameters, outcome, "
            + "duration_ms, version_before, version_after, message";
    private static final String KEY = "md5(row(" + COLUMNS + ")::text)";

    private AuditCopy() {}

    /** @return how many records were copied */
    static int copy(ConnectionSettings from, ConnectionSettings to) throws SQLException {
        try (Connection source = DatabaseGateway.dataSource(from).getConnection();
                Connection target = DatabaseGateway.dataSource(to).getConnection()) {
            if (!hasAuditTable(source)) {
                return 0;
            }
            AuditLog.ensureTables(target);
            Set<String> present = new HashSet<>();
            try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery("select " + KEY + " from " + TABLE)) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            int copied = 0;
            target.setAutoCommit(false);
            try (Statement st = source.createStatement();
                    ResultSet rs = st.executeQuery("select " + KEY + ", " + COLUMNS + " from " + TABLE + " order by id");
                    PreparedStatement insert = target.prepareStatement("insert into " + TABLE + " (" + COLUMNS + ") values "
                            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int columns = COLUMNS.split(",").length;
                while (rs.next()) {
                    if (!present.add(rs.getString(1))) {
                        continue;
                    }
                    for (int i = 1; i <= columns; i++) {
                        insert.setObject(i, rs.getObject(i + 1));
                    }
                    insert.addBatch();
                    copied++;
                }
                insert.executeBatch();
                target.commit();
            } catch (SQLException e) {
                target.rollback();
                throw e;
            }
            return copied;
        }
    }

    private static boolean hasAuditTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select to_regclass('" + TABLE + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
