import static io.github.lmsdb.it.ItSupport.*
import java.nio.file.Files

// A backup with 25 users whose manifest is gone; then 5 users are deleted.
def backup = migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
Files.move(backup, backup.resolveSibling('no-manifest.sql'))
Files.delete(backup.resolveSibling(backup.fileName.toString() + '.manifest.json'))
execute(basedir, pgBinariesJar, "delete from users where id > 20")
return true
