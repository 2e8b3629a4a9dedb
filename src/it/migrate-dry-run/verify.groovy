import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Running Database Migrations (dry run: nothing will be changed)',
    '[INFO] 20231101090000 CreateUsers\n[INFO]   - Create table: users',
    '[INFO] 20231114140000 AddQuizTimeLimit\n[INFO]   - Create column: quizzes.time_limit',
    '[INFO]   - Create index: idx_quizzes_time_limit',
    'Dry run complete: 15 migration(s) would be applied. Nothing was changed.',
    'BUILD SUCCESS')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    assert !tableExists(c, 'users')
    assert !tableExists(c, 'flyway_schema_history')
}
return true
