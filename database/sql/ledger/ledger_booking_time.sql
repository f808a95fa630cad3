-- ledger_booking_time(): the DEFAULT of ledger_transactions.booked_at
-- (migration 0560), so every posting gains the rule without changing its body.
--
-- Guarantees: without the transaction-local setting strongroom.booking_time
-- (the normal case) now(), at the cost of one current_setting() (the SQL
-- body is inlined into the INSERT). With it (`select
-- set_config('strongroom.booking_time', '<timestamptz>', true)`, which only
-- the demo seed does): that time, checked by ledger_backdated_time().
--
-- Raises: SRL56 E_BACKDATING_REFUSED (through ledger_backdated_time()).
create or replace function ledger_booking_time() returns timestamptz
language sql stable as $$
  select case when coalesce(current_setting('strongroom.booking_time', true), '') = '' then now()
              else ledger_backdated_time(current_setting('strongroom.booking_time', true)) end
$$;
