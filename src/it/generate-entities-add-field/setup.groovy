import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../entities-example/src"), basedir.toPath().resolve("src"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
def user = new File(basedir, 'src/main/java/io/github/lmsdb/examples/lms/domain/User.java')
def before = user.text
user.text = before.replace('    @Column(name = "role"', '    @Column(name = "avatar_url", length = 500)\n    private String avatarUrl;\n\n    @Column(name = "role"')
assert user.text != before
return true
