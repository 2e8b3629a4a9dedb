import static io.github.lmsdb.it.ItSupport.*

copyDirectory(java.nio.file.Path.of("${basedir}/../../../migrations-example/src/main/resources/db/migration"), basedir.toPath().resolve("migrations"))
copyDirectory(java.nio.file.Path.of("${basedir}/../../../entities-example/src"), basedir.toPath().resolve("src"))
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, "migrations").path, "latest") == 15
def domain = new File(basedir, 'src/main/java/io/github/lmsdb/examples/lms/domain')
new File(domain, 'Tag.java').text = '''package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

@Entity
@Table(name = "tags", uniqueConstraints = @UniqueConstraint(name = "tags_name_key", columnNames = "name"))
public class Tag extends Stamped {
    @Column(name = "name", nullable = false, length = 50)
    private String name;
}
'''
def course = new File(domain, 'Course.java')
def before = course.text
course.text = before.replace('    @Column(name = "category", length = 100)', '''    @jakarta.persistence.ManyToMany
    @jakarta.persistence.JoinTable(name = "course_tags",
            joinColumns = @JoinColumn(name = "course_id", foreignKey = @ForeignKey(name = "course_tags_course_id_fkey")),
            inverseJoinColumns = @JoinColumn(name = "tag_id", foreignKey = @ForeignKey(name = "course_tags_tag_id_fkey")))
    private java.util.Set<Tag> tags;

    @Column(name = "category", length = 100)''')
assert course.text != before
return true
