import static io.github.lmsdb.it.ItSupport.*

def files = new File(basedir, 'migrations').list().findAll { it.contains('LongerCourseTitles') }.sort()
assert files.size() == 2 : files
def version = files[1].substring(1, 15)
def up = new File(basedir, 'migrations/V' + version + '__LongerCourseTitles.sql').text
def undo = new File(basedir, 'migrations/U' + version + '__LongerCourseTitles.sql').text
assertLogContains(basedir, 'courses.title', 'character varying(300)')
assertLogLacks(basedir, 'BUILD FAILURE')
assert up.contains('alter table public.courses alter column title type character varying(300)') : up
assert undo.contains('alter table public.courses alter column title type character varying(200)') : undo
return true
