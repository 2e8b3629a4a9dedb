import static io.github.lmsdb.it.ItSupport.*

// Maven reads any word but "true" as false: without the check, this rollback would have run for real.
assertLogContains(basedir, "Invalid dryRun 'yes': it must be true or false. Nothing was changed.", 'For example: -Dlmsdb.dryRun=true', 'BUILD FAILURE')
assertLogLacks(basedir, 'Rolling back', 'Rollback complete')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history where success and version is not null') == 15
return true
