import static io.github.lmsdb.it.ItSupport.*

// fresh with only empties the tables those groups load, nothing else: users is still referenced by
// courses (another group's data), so emptying it alone is refused and nothing changes.
assertLogContains(basedir,
    'Cannot empty only users for a fresh seed of users: another table references them',
    'Nothing was changed.',
    'Add the groups that load the referencing tables to -Dlmsdb.only, or run the fresh seed without it',
    '[INFO] Emptying the tables these groups load first (fresh)...\n[INFO] Seeding progress...',
    'Unknown seed group(s): nope. Groups: users, courses, curriculum, quizzes, enrollments, progress.')
assertLogLacks(basedir, 'Emptying every application table first')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 5
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from courses') == 8
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from enrollments') == 15
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from user_progress') == 45
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select min(id) from user_progress') == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
return true
