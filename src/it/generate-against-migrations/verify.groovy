import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with the migrations in ', '(replayed in a shadow database)',
    '[INFO] No changes detected in what is compared. No files written.',
    '- not compared: comment (index, sequence, constraint, type, function, trigger, schema) (1 object)',
    'BUILD SUCCESS')
// set_updated_at() and its nine triggers are compared now (and equal)
assertLogLacks(basedir, 'not compared: function or procedure', 'not compared: trigger')
// the configured database itself was not touched
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.flyway_schema_history') is null") == true
return true
