import static io.github.lmsdb.it.ItSupport.*

// Something to drop: an older schema state with a stray table.
flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", '20231103090000')
execute(basedir, pgBinariesJar, 'create table stray (id int)')
return true
