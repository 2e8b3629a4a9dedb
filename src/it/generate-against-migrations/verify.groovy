import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with the migrations in ', '(replayed in a shadow database)',
    '[INFO] No changes detected: the schema matches the declared schema. No files written.',
    'BUILD SUCCESS')
// set_updated_at(), its nine triggers and its comment are compared now (and equal): nothing is left out
assertLogLacks(basedir, 'not compared:')
// the configured database itself was not touched
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.flyway_schema_history') is null") == true
return true
