import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Declared schema: 13 JPA classes (11 entities) in ' + new File(basedir, 'target/classes').path + ', DDL by Hibernate ORM 7.4.15.Final (the project\'s) for PostgreSQL 15',
    '[INFO] Naming: Hibernate\'s default: physical PhysicalNamingStrategyStandardImpl',
    '[INFO] Compared with database lms_db',
    'No changes detected',
    '[INFO] Not in the entities, kept: ',
    '(to drop them instead: -Dlmsdb.dropUnmapped=true)',
    '[INFO] - check constraint public.users.users_email_check',
    '[INFO] - trigger public.users.users_set_updated_at',
    '[INFO] - function public.set_updated_at()',
    '[INFO] - index public.users_email_lower_key on public.users (on an expression)')
assertLogLacks(basedir, 'BUILD FAILURE', 'HHH')
assert !new File(basedir, 'migrations').list().any { it.contains('Nothing') }
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
