import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper
import java.security.MessageDigest

def files = new File(basedir, 'backups').listFiles().findAll { it.name ==~ /lms_db_\d{8}_\d{6}\.sql/ }
assert files.size() == 1
def backup = files[0]
assert new File(basedir, 'backups').list().findAll { it.contains('partial') }.isEmpty()
def manifest = new JsonSlurper().parse(new File(backup.path + '.manifest.json'))
assert manifest.database == 'lms_db'
assert manifest.format == 'plain'
assert manifest.serverVersion.startsWith('15.')
assert manifest.lastMigration == '20231114140000 AddQuizTimeLimit'
assert manifest.environment == 'development'
assert manifest.sizeBytes == backup.length()
assert manifest.sha256 == MessageDigest.getInstance('SHA-256').digest(backup.bytes).encodeHex().toString()
assert manifest.tables.size() == 11
assert manifest.tables.find { it.name == 'public.users' }.rows == 25
assert manifest.tables.find { it.name == 'public.courses' }.rows == 0
assert backup.text.contains('PostgreSQL database dump')
assertLogContains(basedir,
    '[INFO] Creating Database Backup\n[INFO] ========================\n[INFO] Database: lms_db',
    '[INFO] Backup created successfully!',
    '[INFO] Location: backups/' + backup.name,
    '[INFO] Tables: 11 (25 rows), last migration 20231114140000 AddQuizTimeLimit',
    '[INFO] To restore: mvn lmsdb:restore -Dlmsdb.file=backups/' + backup.name,
    '[INFO]         or: psql -h localhost -p ', ' -U postgres -d lms_db < backups/' + backup.name,
    'BUILD SUCCESS')
return true
