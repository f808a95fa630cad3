-- ledger_backdating_allowed(): whether this database honours an explicit
-- booking time (strongroom.booking_time, see ledger_booking_time()).
--
-- Guarantees: true only when the database itself is marked
-- (`ALTER DATABASE … SET strongroom.backdating = 'allowed'`), read from the
-- catalog pg_db_role_setting, so a session cannot mark itself and only the
-- database owner or a superuser can mark it: the migrations do when they
-- run with NODE_ENV=development or test (migration 0560), never in production.
--
-- Raises: nothing.
create or replace function ledger_backdating_allowed() returns boolean
language sql stable as $$
  select exists (
    select 1 from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
     where d.datname = current_database() and s.setrole = 0
       and 'strongroom.backdating=allowed' = any (s.setconfig))
$$;
