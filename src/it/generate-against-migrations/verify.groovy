import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with the migrations in ', '(replayed in a shadow database)',
    '[INFO] No changes detected in what is compared. No files written.',
    '- not compared: comment (index, sequence, constraint, type, function, trigger, schema) (1 object)',
    '- not compared: function or procedure (1 object)', '- not compared: trigger (9 objects)', 'BUILD SUCCESS')
// the configured database itself was not touched
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.flyway_schema_history') is null") == true
return true
