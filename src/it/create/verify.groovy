import static io.github.lmsdb.it.ItSupport.*

def dir = new File(basedir, 'migrations')
def created = dir.list().findAll { it ==~ /[VU]\d{14}__UpdateUserRoles\.sql/ }.sort()
assert created.size() == 2 : "expected the V/U pair, found ${dir.list()}"
assert created[0].substring(1) == created[1].substring(1)
def version = created[1].substring(1, 15)
assert version > '20231101090000'
assert new File(dir, 'U' + created[0].substring(1)).text.contains('Undo of V' + created[0].substring(1))
assertLogContains(basedir,
    '[INFO] Migration created:\n[INFO]   migrations/V' + version + '__UpdateUserRoles.sql',
    '[INFO] Undo script:\n[INFO]   migrations/U' + version + '__UpdateUserRoles.sql',
    '2. Preview it: mvn lmsdb:migrate -Dlmsdb.dryRun=true',
    "Invalid migration name '../evil': use letters, digits and underscores, starting with a letter, at most 100 characters.",
    "Invalid migration name 'Add.User'",
    "Invalid migration name '':",
    'For example: mvn lmsdb:create -Dlmsdb.name=AddUserAvatar')
// Nothing written outside the migrations directory, and only the pair inside it.
assert dir.list().size() == 3
assert !new File(basedir, 'evil.sql').exists() && basedir.parentFile.list().every { !it.contains('evil') }
assert new File(basedir, 'target/new-migrations').list().size() == 2
return true
