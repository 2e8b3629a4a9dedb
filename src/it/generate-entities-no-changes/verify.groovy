import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Declared schema: 13 JPA classes (11 entities) in ' + new File(basedir, 'target/classes').path + ', DDL by Hibernate ORM 7.4.15.Final (the project\'s) for PostgreSQL 15',
    '[INFO] Naming: Hibernate\'s default: physical PhysicalNamingStrategyStandardImpl',
    '[INFO] Compared with database lms_db',
    'No changes detected',
    '[INFO] Not in the entities, kept: ',
    '(to drop them instead: -Dlmsdb.dropUnmapped=true)',
    '[INFO] - function public.set_updated_at()')
// One line per table: what is kept on it, by kind.
def users = new File(basedir, 'build.log').readLines().find { it.startsWith('[INFO] - public.users: ') }
assert users != null
['check constraints ', 'users_email_check', 'defaults of ', 'role (\'student\'::', 'index users_email_lower_key (on an expression)',
    'trigger users_set_updated_at'].each { assert users.contains(it) : it + '\n' + users }
assert new File(basedir, 'build.log').readLines().count { it ==~ /\[INFO\] - public\.[a-z_]+: .*/ } == 11
assertLogLacks(basedir, 'BUILD FAILURE', 'HHH')
assert !new File(basedir, 'migrations').list().any { it.contains('Nothing') }
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
