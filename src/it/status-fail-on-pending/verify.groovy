import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] - Pending: 15',
    'BUILD FAILURE',
    '15 pending migration(s): 20231101090000 CreateUsers, 20231101100000 CreateCourses,',
    'Apply them before this step, or run without -Dlmsdb.failOnPending=true.')
return true
