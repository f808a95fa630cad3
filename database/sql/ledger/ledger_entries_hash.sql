-- ledger_entries_hash(txn, accounts, directions, amounts, currencies):
-- THE canonical hash of a transaction's entries.
--
-- Guarantees: the sha256 (hex) of the transaction id and its entries in a
-- fixed order (direction, account, amount, currency), so the order in which
-- entries were written does not matter. ledger_book() stores it on the
-- transaction row and `node ace ledger:verify` recomputes it from the
-- entries to prove they never changed.
--
-- Raises: nothing.
create or replace function ledger_entries_hash(
  p_txn bigint, p_accounts bigint[], p_directions text[], p_amounts bigint[], p_currencies text[]
) returns char(64)
language sql immutable as $$
  select encode(sha256(convert_to(
    p_txn::text || '|' || string_agg(d || ':' || a::text || ':' || m::text || ':' || c, '|' order by d, a, m, c),
    'UTF8')), 'hex')
  from unnest(p_accounts, p_directions, p_amounts, p_currencies) as u(a, d, m, c)
$$;
