import static io.github.lmsdb.it.ItSupport.*

// A database where the first 12 migrations were applied by Flyway itself.
def applied = flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", '20231114110000')
assert applied == 12
return true
