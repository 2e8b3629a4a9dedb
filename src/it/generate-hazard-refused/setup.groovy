import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/schema"), basedir.toPath().resolve("schema"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
execute(basedir, pgBinariesJar, "insert into users (id, email, password_hash, full_name, role) values (1, 'i@example.com', 'x', 'I', 'instructor'); " +
    "insert into courses (id, instructor_id, title, slug, category) values (1, 1, 'SQL', 'sql', 'Databases'), (2, 1, 'Java', 'java', 'Programming')")
def courses = new File(basedir, 'schema/courses.sql')
// the column goes (it is the last one: the comma before it goes too), and so does its index
courses.text = courses.text.replaceAll(/,\n\s+category [^\n]*\n\)/, '\n)').readLines().findAll { !it.contains('category') }.join('\n') + '\n'
return true
