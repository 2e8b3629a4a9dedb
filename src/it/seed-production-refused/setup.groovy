import static io.github.lmsdb.it.ItSupport.*

flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", 'latest')
return true
