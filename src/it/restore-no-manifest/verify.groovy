import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'no-manifest.sql has no manifest (no-manifest.sql.manifest.json), so its checksum, tables and row counts cannot be verified. Nothing was changed.',
    '-Dlmsdb.unverified=true', 'BUILD FAILURE')
assertLogLacks(basedir, 'Restoring into', 'Backing up')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 20
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lms_db_%'") == 0
return true
