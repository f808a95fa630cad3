-- ledger_credit_check(kind, account, currency, owner): the rules every
-- posting to a customer account shares, and all that a credit needs
-- (deposit, credit adjustment, the credited side of a reversal). Postings
-- that debit the account afterwards call ledger_debit_check() too.
--
-- It reads nothing: `a` is the account row as the caller read and locked
-- it. Returns when every rule holds; otherwise raises the first that fails,
-- in this order:
--
--   1. the account exists, is a customer deposit account (current or
--      savings: never internal, never a loan's receivable), and belongs to p_owner
--      when given                               SRL02 E_ACCOUNT_NOT_FOUND
--   2. it is not closed                         SRL04 E_ACCOUNT_CLOSED
--   3. its currency is p_currency               SRL05 E_CURRENCY_MISMATCH
--
-- A frozen account can still be credited. p_kind (deposit | withdrawal |
-- adjustment | reversal) names the account in the detail ("account 42 is
-- closed" for a reversal).
create or replace function ledger_credit_check(p_kind text, a accounts, p_currency text, p_owner bigint default null)
returns void
language plpgsql as $$
declare
  v_label text := case p_kind when 'reversal' then 'account ' || a.id else 'account' end;
begin
  if a.id is null or a.kind not in ('current', 'savings') or (p_owner is not null and a.customer_id is distinct from p_owner) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', v_label || ' not found');
  end if;
  if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', v_label || ' is closed'); end if;
  if a.currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'amount currency differs from the account');
  end if;
end
$$;
