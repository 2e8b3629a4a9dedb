import static io.github.lmsdb.it.ItSupport.*

def files = new File(basedir, 'migrations').list().findAll { it.contains('AddTags') }.sort()
assert files.size() == 2 : files
def version = files[1].substring(1, 15)
def up = new File(basedir, 'migrations/V' + version + '__AddTags.sql').text
assertLogContains(basedir, '[INFO] - New table: tags', '[INFO] - New table: course_tags', '[INFO] Hazards: none')
assertLogLacks(basedir, 'BUILD FAILURE')
assert up.contains('create table public.tags (') : up
assert up.contains('create table public.course_tags (') : up
assert up.contains('course_tags_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id)') : up
assert up.contains('course_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tags(id)') : up
assert up.contains('course_tags_pkey PRIMARY KEY (course_id, tag_id)') : up
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from pg_constraint where conname in ('course_tags_course_id_fkey', 'course_tags_tag_id_fkey', 'tags_name_key')") == 3
return true
