import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Resetting Database\n[INFO] ==================\n[INFO] WARNING: This will DELETE ALL DATA!',
    '[INFO] Step 1: Dropping all tables...      done',
    '[INFO] Step 2: Running migrations...       15 migrations executed',
    '[INFO] Step 3: Seeding data...             done (6 groups, 805 rows)',
    '[INFO] Database reset complete! (',
    '[INFO] - Admin: admin@example.com / password123',
    '[INFO] - Executed: 15', '[INFO] Tables: 11', 'BUILD SUCCESS')
assertLogLacks(basedir, '[INFO] - stray')
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.stray') is null") == true
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from quiz_options') == 480
return true
