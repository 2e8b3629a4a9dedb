import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'lms_db is a protected database: it is stamped production (by lmsdb:migrate on ',
    '), and this reset runs as development. Refused: nothing was changed.',
    '), and this rollback runs as development. Refused: nothing was changed.',
    '), and this seed with fresh runs as development. Refused: nothing was changed.',
    '), and this rollback runs as staging. Refused: nothing was changed.',
    'The only way to proceed is under the stamped environment, with its confirmation: -Dlmsdb.env=production -Dlmsdb.confirm=lms_db@production',
    // A seed is not destructive, but the stamp makes this database production, where sample data never goes.
    'lmsdb:seed is refused in production: it would load sample data into lms_db. Nothing was changed.')
assertLogLacks(basedir, 'Step 1', 'Reverting 1/1', 'BUILD SUCCESS')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
// Every refusal is in the audit log.
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from lmsdb.lmsdb_audit where outcome = 'refused'") == 5
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from lmsdb.lmsdb_audit where outcome <> 'refused'") == 0
return true
