import static io.github.lmsdb.it.ItSupport.*

migrateFillAndBackUp(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", "insert into users (id, email, password_hash, full_name) values (1, 'keep@example.com', 'x', 'Keep')")
return true
