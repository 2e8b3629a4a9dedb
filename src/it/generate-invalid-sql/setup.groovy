import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/schema"), basedir.toPath().resolve("schema"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
new File(basedir, 'schema/zz_broken.sql').text = '-- a typo on line 2\ncreate tabel broken (id int);\n'
return true
