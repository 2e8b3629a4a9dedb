import static io.github.lmsdb.it.ItSupport.*

migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name, role) select g, 'user' || g || '@example.com', 'x', 'User ' || g, 'student' from generate_series(1, 25) g")
return true
