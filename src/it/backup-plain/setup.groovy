import static io.github.lmsdb.it.ItSupport.*

flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", 'latest')
execute(basedir, pgBinariesJar, "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
return true
