import static io.github.lmsdb.it.ItSupport.*
import io.github.lmsdb.core.safety.AuditLog

// A database that production migrated: its stamp says so.
migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name) values (1, 'keep@example.com', 'x', 'Keep')")
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c -> AuditLog.stamp(c, 'production', 'migrate') }
return true
