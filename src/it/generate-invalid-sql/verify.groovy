import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'The declared schema is invalid: ERROR: syntax error at or near "tabel"', 'at zz_broken.sql line 2',
    'Nothing was written.', 'Fix zz_broken.sql line 2 and run lmsdb:generate again.', 'BUILD FAILURE')
assert !new File(basedir, 'migrations').list().any { it.contains('Broken') }
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
