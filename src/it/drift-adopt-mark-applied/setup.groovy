import static io.github.lmsdb.it.ItSupport.*
import java.nio.file.Files
import java.nio.file.Path

// The LMS migrations, copied: the adopting migration is written next to them.
Path migrations = basedir.toPath().resolve('migrations')
Files.createDirectories(migrations)
Files.list(Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration")).each { Files.copy(it, migrations.resolve(it.fileName)) }
flywayMigrate(basedir, pgBinariesJar, migrations.toString(), 'latest')
// The hot fixes nobody put in a migration.
execute(basedir, pgBinariesJar, "create index idx_users_last_login on users (updated_at); alter table users alter column role set default 'instructor'")
return true
