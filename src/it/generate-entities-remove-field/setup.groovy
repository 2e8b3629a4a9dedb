import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../entities-example/src"), basedir.toPath().resolve("src"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
execute(basedir, pgBinariesJar, "insert into users (id, email, password_hash, full_name, role) values (1, 'i@example.com', 'x', 'I', 'instructor'); " +
    "insert into courses (id, instructor_id, title, slug, category) values (1, 1, 'SQL', 'sql', 'Databases'), (2, 1, 'Java', 'java', 'Programming'), (3, 1, 'Go', 'go', null)")
def course = new File(basedir, 'src/main/java/io/github/lmsdb/examples/lms/domain/Course.java')
def before = course.text
course.text = before.replace('    @Column(name = "category", length = 100)\n    private String category;\n', '')
                    .replace('            @Index(name = "idx_courses_category", columnList = "category"),\n', '')
assert course.text != before && !course.text.contains('category')
return true
