import static io.github.lmsdb.it.ItSupport.*
import java.nio.file.Files

def backup = migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
Files.move(backup, backup.resolveSibling('corrupted.sql'))
Files.move(backup.resolveSibling(backup.fileName.toString() + '.manifest.json'), backup.resolveSibling('corrupted.sql.manifest.json'))
def file = backup.resolveSibling('corrupted.sql').toFile()
byte[] bytes = file.bytes
bytes[bytes.length.intdiv(2)] = (byte) (bytes[bytes.length.intdiv(2)] ^ 0x01)   // one byte changed
file.bytes = bytes
execute(basedir, pgBinariesJar, "delete from users where id > 20")
return true
