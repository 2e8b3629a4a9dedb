import static io.github.lmsdb.it.ItSupport.*

def files = new File(basedir, 'migrations').list().findAll { it.contains('AddUserAvatar') }.sort()
assert files.size() == 2 : files
def version = files[1].substring(1, 15)
assertLogContains(basedir,
    ' for shadow databases, fsync off (data: ',
    '[INFO] Analyzing Entity Changes\n[INFO] ========================\n[INFO] Compared with database lms_db\n'
        + '[INFO] Shadow databases: on the local shadow server localhost:',
    ' (PostgreSQL 15)' + shadowFiles() + '\n[INFO] Detected Changes:\n'
        + '[INFO] - New column: users.avatar_url (character varying(500))\n[INFO] - New index: idx_users_avatar_url',
    '[INFO] Migration generated successfully!',
    '[INFO] File: migrations/V' + version + '__AddUserAvatar.sql',
    '[INFO] Undo: migrations/U' + version + '__AddUserAvatar.sql',
    '[INFO] Changes: 1 table altered, 1 column added, 1 index added',
    '[INFO] 2. Run: mvn lmsdb:migrate',
    '[INFO] Running migration 1/1: AddUserAvatar...',
    '[INFO] - Drop column: users.avatar_url',
    '[INFO] Migration rolled back successfully')
assertLogLacks(basedir, 'BUILD FAILURE')
def up = new File(basedir, 'migrations/V' + version + '__AddUserAvatar.sql').text
assert up.contains('alter table public.users add column avatar_url character varying(500);')
assert up.contains('CREATE INDEX idx_users_avatar_url ON public.users USING btree (avatar_url);')
assert new File(basedir, 'migrations/U' + version + '__AddUserAvatar.sql').text.contains('alter table public.users drop column avatar_url;')
// after the rollback the column is gone again, and no shadow database was left behind
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from information_schema.columns where column_name = 'avatar_url'") == 0
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
