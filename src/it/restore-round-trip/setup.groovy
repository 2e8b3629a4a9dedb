import static io.github.lmsdb.it.ItSupport.*
import java.nio.file.Files

// A backup with 25 users; then the data changes: 5 deleted, one renamed, a course added.
def backup = migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
Files.move(backup, backup.resolveSibling('round-trip.sql'))
Files.move(backup.resolveSibling(backup.fileName.toString() + '.manifest.json'), backup.resolveSibling('round-trip.sql.manifest.json'))
execute(basedir, pgBinariesJar, "delete from users where id > 20; update users set full_name = 'Changed' where id = 1; " +
    "insert into courses (id, instructor_id, title, slug) values (1, 1, 'After the backup', 'after')")
return true
