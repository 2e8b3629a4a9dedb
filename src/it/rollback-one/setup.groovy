import static io.github.lmsdb.it.ItSupport.*

// All 15 applied, with quizzes of which 12 have a time limit.
assert flywayMigrate(basedir, pgBinariesJar, "${basedir}/../../../migrations-example/src/main/resources/db/migration", 'latest') == 15
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def st = c.createStatement()
    st.execute("insert into users (id, email, password_hash, full_name, role) values (1, 'i@example.com', 'x', 'Ines', 'instructor')")
    st.execute("insert into courses (id, instructor_id, title, slug) values (1, 1, 'SQL', 'sql')")
    st.execute("insert into course_sections (id, course_id, title, position) values (1, 1, 'Intro', 1)")
    st.execute("insert into lessons (id, section_id, title, position) values (1, 1, 'First', 1)")
    st.execute("insert into quizzes (lesson_id, title, time_limit) select 1, 'Quiz ' || g, case when g <= 12 then 10 + g end from generate_series(1, 13) g")
}
return true
