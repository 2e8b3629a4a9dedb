import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'Hibernate cannot map the entities (entity Course, field sections): ', 'parentCourse',
    'Nothing was written.', 'Fix the mapping of entity Course, field sections', 'mvn compile lmsdb:generate', 'BUILD FAILURE')
assert !new File(basedir, 'migrations').list().any { it.endsWith('__Sections.sql') }
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
