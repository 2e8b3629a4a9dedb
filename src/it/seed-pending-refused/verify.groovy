import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Cannot seed: 3 migration(s) are pending: 20231114120000 AddUserRoles, 20231114130000 AddCourseCategories, 20231114140000 AddQuizTimeLimit. Nothing was changed.',
    'Apply them first: mvn lmsdb:migrate', 'BUILD FAILURE')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 0
return true
