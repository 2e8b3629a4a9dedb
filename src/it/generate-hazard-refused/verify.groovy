import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'The changes have 1 hazard(s), and allowHazards is false. Nothing was written.',
    '- HAZARD (data loss): courses.category has 2 non-null values',
    'Review them, then run without -Dlmsdb.allowHazards=false, or change the declared schema.', 'BUILD FAILURE')
assert !new File(basedir, 'migrations').list().any { it.contains('DropCategory') }
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(category) from courses') == 2
return true
