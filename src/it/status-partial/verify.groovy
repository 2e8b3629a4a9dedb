import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] - Total migrations: 15',
    '[INFO] - Executed: 12',
    '[INFO] - Pending: 3',
    '[INFO] - Last migration: 20231114110000 AddQuizAttempts',
    '[INFO] Pending:\n[INFO] - 20231114120000 AddUserRoles\n[INFO] - 20231114130000 AddCourseCategories\n[INFO] - 20231114140000 AddQuizTimeLimit',
    '[INFO] Tables: 11',
    '[INFO] - course_sections',
    '[INFO] - user_answers',
    'BUILD SUCCESS')
// Flyway's history table is not an application table.
assertLogLacks(basedir, '[INFO] - flyway_schema_history')
return true
