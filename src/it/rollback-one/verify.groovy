import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Rollback Last Migration\n[INFO] =======================\n[INFO] Will revert: 20231114140000 AddQuizTimeLimit',
    '[INFO] WARNING: This may result in data loss!',
    '[INFO] Changes to be reverted:',
    '[INFO] - Drop column: quizzes.time_limit',
    '[INFO] - Drop index: idx_quizzes_time_limit',
    '[INFO] Rows that will be lost: quizzes.time_limit has 12 non-null values',
    '[INFO] Reverting 1/1: 20231114140000 AddQuizTimeLimit...',
    '[INFO] Migration rolled back successfully (',
    '[INFO] Latest migration now: 20231114130000 AddCourseCategories',
    'BUILD SUCCESS')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery("select count(*) from information_schema.columns where table_name = 'quizzes' and column_name = 'time_limit'")
    rs.next(); assert rs.getInt(1) == 0
    rs = c.createStatement().executeQuery('select count(*), max(version) from flyway_schema_history')
    rs.next(); assert rs.getInt(1) == 14 && rs.getString(2) == '20231114130000'
    rs = c.createStatement().executeQuery('select count(*) from quizzes')
    rs.next(); assert rs.getInt(1) == 13
}
return true
