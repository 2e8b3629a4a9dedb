import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../entities-example/src"), basedir.toPath().resolve("src"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
def course = new File(basedir, 'src/main/java/io/github/lmsdb/examples/lms/domain/Course.java')
def before = course.text
// mappedBy names a field CourseSection does not have
course.text = before.replace('    @Column(name = "category", length = 100)',
        '    @jakarta.persistence.OneToMany(mappedBy = "parentCourse")\n    private java.util.List<CourseSection> sections;\n\n    @Column(name = "category", length = 100)')
assert course.text != before
return true
