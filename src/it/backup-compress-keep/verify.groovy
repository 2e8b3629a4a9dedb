import static io.github.lmsdb.it.ItSupport.*

def names = new File(basedir, 'backups').list().sort()
def dumps = names.findAll { it.endsWith('.dump') }
assert dumps.size() == 2 : names
assert names.size() == 4 : names            // two dumps and their two manifests, nothing else
dumps.each { assert new File(basedir, 'backups/' + it).bytes[0..4] == 'PGDMP'.bytes.toList() }
assertLogContains(basedir, '[INFO] Removed old backup: backups/', 'or: pg_restore -h localhost -p ', ' -U postgres -d lms_db backups/')
return true
