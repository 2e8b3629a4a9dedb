import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'lms_db is a protected database: it is stamped production (by lmsdb:migrate on ',
    '), and this reset runs as development. Refused: nothing was changed.',
    '), and this rollback runs as development. Refused: nothing was changed.',
    '), and this seed with fresh runs as development. Refused: nothing was changed.',
    '), and this rollback runs as staging. Refused: nothing was changed.',
    'The only way to proceed is under the stamped environment, with its confirmation: -Dlmsdb.env=production -Dlmsdb.confirm=lms_db@production')
assertLogLacks(basedir, 'Step 1', 'Reverting 1/1', 'BUILD SUCCESS')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
return true
