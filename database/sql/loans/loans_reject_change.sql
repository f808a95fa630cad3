-- loans_reject_change(): trigger function of the loans module's append-only
-- tables (migration 0670): loan_product_versions (a published version of a
-- product never changes; a change is a new version, and a loan names the
-- version it was made under) and loan_notes (an officer's note stays).
--
-- Guarantees: UPDATE and DELETE on those tables are rejected.
--
-- Raises: SR001 "<table> is append-only (<op> rejected)".
create or replace function loans_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only (% rejected)', tg_table_name, tg_op
    using errcode = 'SR001';
end
$$;
