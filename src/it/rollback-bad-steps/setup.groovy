import static io.github.lmsdb.it.ItSupport.*

assert flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", 'latest') == 15
return true
