-- ledger_book(...): THE booking routine. Every posting function books
-- through it: transfers, deposits, withdrawals, reversals, hold captures,
-- adjustments.
--
-- Guarantees:
-- - one ledger_transactions row (booked_at from its column default,
--   ledger_booking_time()) carrying entries_hash = ledger_entries_hash() of
--   its entries, and one ledger_entries row per element of p_accounts /
--   p_directions / p_amounts, all in p_currency, in that order (ids ascending);
-- - with p_move_balances (the default): balance and available of every
--   customer account involved move by its net amount (credit-normal: a
--   credit raises them). Internal accounts are neither locked nor updated:
--   their balance is the sum of their entries (ARCHITECTURE §3). The caller
--   has locked (FOR UPDATE, ascending id) and checked those accounts.
-- - with p_move_balances => false the caller moves them itself, later:
--   ledger_post_transfer does, in its short locked section at the end, so
--   no row lock is held while it writes the audit row and the key.
-- Balanced entries (debits = credits) are the caller's promise: every
-- caller passes one debit and one credit of the same amount, or the
-- mirror of an existing transaction.
--
-- Raises: nothing of its own; the accounts_available_within_overdraft CHECK
-- is the last line of defence behind the callers' ledger_debit_check().
create or replace function ledger_book(
  p_kind text, p_currency text,
  p_accounts bigint[], p_directions text[], p_amounts bigint[],
  p_debtor bigint, p_creditor bigint, p_amount bigint,
  p_reference text, p_description text, p_reverses bigint,
  p_actor_type text, p_actor_id text, p_metadata jsonb,
  p_move_balances boolean default true
) returns bigint
language plpgsql as $$
declare
  v_txn bigint := nextval(pg_get_serial_sequence('ledger_transactions', 'id'));
  v_currencies text[] := array_fill(p_currency, array[cardinality(p_accounts)]);
begin
  insert into ledger_transactions
    (id, kind, reference, description, reverses_id, actor_type, actor_id,
     debtor_account_id, creditor_account_id, amount, currency, entries_hash, metadata)
  values
    (v_txn, p_kind, p_reference, p_description, p_reverses, coalesce(p_actor_type, 'system'), p_actor_id,
     p_debtor, p_creditor, p_amount, p_currency,
     ledger_entries_hash(v_txn, p_accounts, p_directions, p_amounts, v_currencies),
     coalesce(p_metadata, '{}'::jsonb));
  insert into ledger_entries (transaction_id, account_id, direction, amount, currency)
    select v_txn, a, d, m, p_currency from unnest(p_accounts, p_directions, p_amounts) as u(a, d, m);
  if p_move_balances then
    update accounts acc
       set balance = acc.balance + x.delta * (case when acc.normal_balance = 'credit' then 1 else -1 end),
           available = acc.available + x.delta * (case when acc.normal_balance = 'credit' then 1 else -1 end),
           updated_at = now()
      from (select a, sum(case when d = 'credit' then m else -m end) as delta
              from unnest(p_accounts, p_directions, p_amounts) as u(a, d, m) group by a) x
     where acc.id = x.a and acc.kind <> 'internal' and x.delta <> 0;
  end if;
  return v_txn;
end
$$;
