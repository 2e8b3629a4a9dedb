import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.security.MessageDigest

// A backup cut short after its manifest was written, the manifest then matched to the cut file
// (as if the disk had been damaged before the checksum was taken): only the restore can notice.
def backup = migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
def file = backup.resolveSibling('truncated.sql').toFile()
Files.move(backup, file.toPath())
def manifestFile = new File(file.path + '.manifest.json')
Files.move(backup.resolveSibling(backup.fileName.toString() + '.manifest.json'), manifestFile.toPath())
def text = file.text
file.text = text.substring(0, text.indexOf('COPY public.users'))  // the users' data never arrives
def manifest = new JsonSlurper().parse(manifestFile)
manifest.sha256 = MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
manifest.sizeBytes = file.length()
manifestFile.text = JsonOutput.toJson(manifest)
execute(basedir, pgBinariesJar, "delete from users where id > 20")
return true
