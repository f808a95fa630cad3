-- ledger_reject_change(): trigger function of ledger_entries and
-- ledger_transactions (triggers *_immutable and *_no_truncate, migration 0102).
--
-- Guarantees: entries and transactions are immutable; UPDATE, DELETE and
-- TRUNCATE are rejected. A correction is a reversal transaction.
--
-- Raises: SRL99 "<table> is immutable (<op> rejected)".
create or replace function ledger_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is immutable (% rejected)', tg_table_name, tg_op
    using errcode = 'SRL99';
end
$$;
