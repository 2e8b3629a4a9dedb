import static io.github.lmsdb.it.ItSupport.*

flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", 'latest')
// The hot fixes nobody put in a migration.
execute(basedir, pgBinariesJar, "create index idx_users_last_login on users (updated_at); alter table users alter column role set default 'instructor'")
return true
