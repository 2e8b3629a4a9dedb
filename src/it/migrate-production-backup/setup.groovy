import static io.github.lmsdb.it.ItSupport.*

assert flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", '20231114110000') == 12
return true
