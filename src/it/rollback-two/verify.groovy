import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Rollback Last 2 Migrations',
    '[INFO] Will revert, newest first:\n[INFO] - 20231114140000 AddQuizTimeLimit\n[INFO] - 20231114130000 AddCourseCategories',
    '[INFO] 20231114140000 AddQuizTimeLimit:\n[INFO]   - Drop column: quizzes.time_limit',
    '[INFO] 20231114130000 AddCourseCategories:\n[INFO]   - Drop column: courses.category',
    '[INFO] Reverting 1/2: 20231114140000 AddQuizTimeLimit...',
    '[INFO] Reverting 2/2: 20231114130000 AddCourseCategories...',
    '[INFO] 2 migrations rolled back successfully (',
    '[INFO] Latest migration now: 20231114120000 AddUserRoles',
    // and migrate re-applies both cleanly
    '[INFO] 1. 20231114130000 AddCourseCategories\n[INFO] 2. 20231114140000 AddQuizTimeLimit',
    '[INFO] All migrations completed successfully!')
assertLogLacks(basedir, 'BUILD FAILURE')
return true
