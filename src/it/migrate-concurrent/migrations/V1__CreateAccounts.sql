-- Keeps the migration lock until the other build polls for it, so that the two builds overlap
-- however slowly either Maven starts (no sleep has to be long enough). A waiting build repeats
-- "select pg_try_advisory_lock(<key>)" on a session that does not hold the lock (see MigrationLock;
-- the key of history schema public is MigrationLock.key("public")).
-- pg_stat_clear_snapshot: within one transaction pg_stat_activity is otherwise read only once.
-- The 10 minutes are a safety net: reaching them fails this migration, and so the test.
do $$
begin -- lmsdb-it gate
    for i in 1..6000 loop
        perform pg_stat_clear_snapshot();
        if exists (select 1 from pg_stat_activity a
                   where a.datname = current_database() and a.query = 'select pg_try_advisory_lock(7813027805911970677)'
                     and not exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory'
                                     and l.classid = 1819112292 and l.objid = 4020368245 and l.granted)) then
            return;
        end if;
        perform pg_sleep(0.1);
    end loop;
    raise exception 'no second build polled for the migration lock within 10 minutes';
end
$$;
create table accounts (id bigint primary key);
