import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/schema"), basedir.toPath().resolve("schema"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
def users = new File(basedir, 'schema/users.sql')
users.text = users.text.replace('    role text', '    avatar_url character varying(500),\n    role text') +
        'create index idx_users_avatar_url on public.users (avatar_url);\n'
return true
