import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Emptying every application table first (fresh)...\n[INFO] Seeding users...\n[INFO]   Created 5 users',
    'Unknown seed group(s): nope. Groups: users, courses, curriculum, quizzes, enrollments, progress.')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 5
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from courses') == 0
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select min(id) from users') == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
return true
