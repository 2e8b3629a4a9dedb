import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Seeding Database\n[INFO] ================\n[INFO] Seeding users...\n[INFO]   Created 5 users (1 admin, 2 instructors, 2 students)',
    '[INFO] Seeding courses...\n[INFO]   Created 8 courses',
    '[INFO]   Created 24 course_sections, 96 lessons',
    '[INFO]   Created 480 quiz_options, 120 quiz_questions, 12 quizzes',
    '[INFO]   Created 15 enrollments',
    '[INFO]   Created 45 user_progress',
    '[INFO] Database seeded successfully!',
    '[INFO] Test Credentials:\n[INFO] - Admin: admin@example.com / password123\n[INFO] - Instructor: instructor@example.com / password123\n[INFO] - Student: student@example.com / password123',
    // the second run creates nothing
    '[INFO]   Created 0 rows; already there: 1 admin, 2 instructors, 2 students')
def counts = [users: 5, courses: 8, course_sections: 24, lessons: 96, quizzes: 12, quiz_questions: 120, quiz_options: 480,
              enrollments: 15, user_progress: 45, quiz_attempts: 0, user_answers: 0]
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    counts.each { table, n ->
        def rs = c.createStatement().executeQuery("select count(*) from ${table}")
        rs.next()
        assert rs.getLong(1) == n : "${table}: ${rs.getLong(1)} rows, expected ${n}"
    }
    // The three accounts: bcrypt hashes that a standard bcrypt check (pgcrypto's crypt) accepts.
    c.createStatement().execute('create extension if not exists pgcrypto')
    ['admin@example.com': 'admin', 'instructor@example.com': 'instructor', 'student@example.com': 'student'].each { email, role ->
        def ps = c.prepareStatement('select password_hash like \'$2_$10$%\', crypt(\'password123\', password_hash) = password_hash, ' +
            'crypt(\'wrong\', password_hash) = password_hash, role from users where email = ?')
        ps.setString(1, email)
        def rs = ps.executeQuery()
        assert rs.next() : email
        assert rs.getBoolean(1) && rs.getBoolean(2) && !rs.getBoolean(3) && rs.getString(4) == role
    }
    // consistent relations
    def rs = c.createStatement().executeQuery("""select
        (select count(*) from enrollments e join users u on u.id = e.user_id where u.role <> 'student'),
        (select count(*) from user_progress p where not exists (select 1 from enrollments e join course_sections s on s.course_id = e.course_id
             join lessons l on l.section_id = s.id where e.user_id = p.user_id and l.id = p.lesson_id)),
        (select count(*) from (select question_id from quiz_options group by question_id having count(*) filter (where is_correct) <> 1) x)""")
    rs.next()
    assert rs.getLong(1) == 0 && rs.getLong(2) == 0 && rs.getLong(3) == 0
}
return true
