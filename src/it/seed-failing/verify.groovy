import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Seeding users...\n[INFO]   Created 1 users',
    'Seeding failed in group courses, file 01_courses.sql line 3: ERROR: insert or update on table "courses" violates foreign key constraint',
    'Everything this run seeded was rolled back; the database is as it was.',
    'Fix 02_courses/01_courses.sql and run the seed again.', 'BUILD FAILURE')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 0
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from courses') == 0
return true
