import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Drift in lms_db (2 differences):',
    '[INFO] Adopted into a migration (',
    'lms_db already has them: once the files are committed, record the migration there as applied without running it:',
    '[INFO]   mvn lmsdb:migrate -Dlmsdb.markApplied=',
    'AdoptHotfix as applied without running it: the database already has what it makes (proved on a shadow database).',
    '[INFO] No drift in lms_db',
    '[INFO] Database is up to date.',
    'markApplied cannot be combined with dryRun: it records one migration without running it. Nothing was changed.')
def version = queryValue(basedir, pgBinariesJar, 'lms_db', "select version from flyway_schema_history where description = 'AdoptHotfix'")
assert version != null
assert new File(basedir, "migrations/V${version}__AdoptHotfix.sql").exists()
// Recorded, not run: one row, no time, Flyway's checksum; the hot fix is what the database had.
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 16
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select execution_time from flyway_schema_history where description = 'AdoptHotfix'") == 0
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select checksum is not null and success from flyway_schema_history where description = 'AdoptHotfix'") == true
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from pg_indexes where indexname = 'idx_users_last_login'") == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from lmsdb.lmsdb_audit where goal = 'migrate' and parameters like '%markApplied%' and outcome = 'success'") == 1
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
