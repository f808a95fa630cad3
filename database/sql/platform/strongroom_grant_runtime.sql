-- strongroom_grant_runtime(runtime): least privilege for the runtime role
-- (ARCHITECTURE §4, migration 0540). Run as the OWNER after every migration
-- command (app/services/database/database_roles.ts); an operator who
-- changes the runtime role runs it by hand. Not executable by PUBLIC
-- (migration 0540 revokes it).
--
-- Guarantees: a no-op when the runtime role is the current user. Otherwise
-- the runtime role gets exactly:
-- - every table: SELECT, INSERT, UPDATE, DELETE (never TRUNCATE,
--   REFERENCES, TRIGGER), also by default for tables created later;
-- - append-only tables (an *_append_only or *_immutable trigger):
--   SELECT and INSERT only;
-- - adonis_schema*: SELECT only; sequences: USAGE, SELECT (no setval);
-- - no CREATE on schema public;
-- - the job queue's schema (pg-boss, migration 0610; `pgboss` unless
--   QUEUE_SCHEMA says otherwise, the schemas holding a pg-boss `version`
--   table): USAGE, every table SELECT, INSERT, UPDATE, DELETE, sequences
--   USAGE, SELECT, its functions EXECUTE, also for objects created later.
--   Jobs are not money: the queue's tables carry identifiers only.
--
-- Raises: a plain exception when the role does not exist, or owns objects
-- in schema public (REASSIGN OWNED first).
create or replace function strongroom_grant_runtime(runtime name) returns void
language plpgsql as $$
declare
  t text;
begin
  if runtime = current_user then
    return;
  end if;
  if not exists (select 1 from pg_roles where rolname = runtime) then
    raise exception 'runtime role % does not exist: create it first (README "Database roles")', runtime;
  end if;
  if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relowner = (select oid from pg_roles where rolname = runtime)) then
    raise exception 'runtime role % owns objects in schema public: REASSIGN OWNED BY % TO % first', runtime, runtime, current_user;
  end if;

  execute format('grant usage on schema public to %I', runtime);
  execute format('revoke create on schema public from %I', runtime);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
  execute format('revoke truncate, references, trigger on all tables in schema public from %I', runtime);
  execute format('grant usage, select on all sequences in schema public to %I', runtime);
  execute format('revoke update on all sequences in schema public from %I', runtime);
  execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', runtime);
  execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);

  for t in
    select distinct c.relname
      from pg_trigger g
      join pg_class c on c.oid = g.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not g.tgisinternal
       and (g.tgname like '%\_append\_only' or g.tgname like '%\_immutable')
  loop
    execute format('revoke update, delete on %I from %I', t, runtime);
  end loop;

  for t in
    select n.nspname from pg_namespace n join pg_class c on c.relnamespace = n.oid
     where c.relname = 'version' and c.relkind = 'r' and n.nspname <> 'public'
       and exists (select 1 from pg_class q where q.relnamespace = n.oid and q.relname = 'job')
  loop
    execute format('grant usage on schema %I to %I', t, runtime);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', t, runtime);
    execute format('grant usage, select on all sequences in schema %I to %I', t, runtime);
    execute format('grant execute on all functions in schema %I to %I', t, runtime);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I', t, runtime);
  end loop;

  foreach t in array array['adonis_schema', 'adonis_schema_versions'] loop
    if to_regclass(format('public.%I', t)) is not null then
      execute format('revoke insert, update, delete on %I from %I', t, runtime);
    end if;
  end loop;
end
$$;
