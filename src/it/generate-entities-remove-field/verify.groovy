import static io.github.lmsdb.it.ItSupport.*

def files = new File(basedir, 'migrations').list().findAll { it.contains('DropCategory') }.sort()
assert files.size() == 2 : files
def version = files[1].substring(1, 15)
assertLogContains(basedir, '[INFO] - Dropped index: idx_courses_category', '[INFO] - Dropped column: courses.category (character varying(100))', '- HAZARD (data loss): courses.category has 2 non-null values')
assertLogLacks(basedir, 'BUILD FAILURE')
def up = new File(basedir, 'migrations/V' + version + '__DropCategory.sql').text
assert up.contains('alter table public.courses drop column category;') : up
assert new File(basedir, 'migrations/U' + version + '__DropCategory.sql').text.contains('alter table public.courses add column category character varying(100);')
// generate changes nothing in the database
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(category) from courses') == 2
return true
