-- ledger_debit_check(kind, account, currency, amount, kyc, owner, creditor):
-- THE rules for taking money out of a customer account. Every posting
-- that debits one calls it (transfer, withdrawal, placing a hold, capturing
-- one, debit adjustment, reversal); the rules exist nowhere else.
--
-- It reads nothing: `a` is the account row as the caller read it (locked
-- FOR UPDATE where the caller locks before checking), `p_kyc` its owner's
-- kyc_status. Returns when every rule holds; otherwise raises the FIRST
-- rule that fails, always in this order, so the same input gives the same
-- error:
--
--   1. the account exists, is a customer deposit account (current or
--      savings: never internal, never a loan's receivable), and belongs to p_owner
--      when given                               SRL02 E_ACCOUNT_NOT_FOUND
--      transfer: the creditor `c` exists and is a customer account (SRL02),
--      and is not the debtor                    SRL06 E_SAME_ACCOUNT
--   2. it is not closed                         SRL04 E_ACCOUNT_CLOSED
--   3. it is not frozen                         SRL03 E_ACCOUNT_FROZEN
--      transfer: the creditor is not closed     SRL04 E_ACCOUNT_CLOSED
--   4. its currency (transfer: and the creditor's) is p_currency
--                                               SRL05 E_CURRENCY_MISMATCH
--   5. its owner's identity is verified, for the postings by which a
--      customer moves money out: transfer, withdrawal, hold.
--      Bank corrections (adjustment, reversal), the capture of a hold
--      (checked when it was placed) and repaying the bank's own loan
--      (loan_repayment) do not ask.             SRL07 E_KYC_NOT_VERIFIED
--   6. available - p_amount stays >= -overdraft_limit
--                                               SRL01 E_INSUFFICIENT_FUNDS
--
-- p_kind: transfer | withdrawal | hold | hold_capture | adjustment | reversal |
-- loan_repayment;
-- it also names the account in the detail ("debtor account is frozen",
-- "account 42 is closed"). Postings whose own rules come between (the
-- bank's cash or suspense account of the currency) call
-- ledger_credit_check() first, which checks 1, 2 and 4 in that order.
-- Raises a plain exception for an unknown kind (a programming error).
create or replace function ledger_debit_check(
  p_kind text, a accounts, p_currency text, p_amount bigint, p_kyc text,
  p_owner bigint default null, c accounts default null
) returns void
language plpgsql as $$
declare
  v_label text := case p_kind when 'transfer' then 'debtor account' when 'reversal' then 'account ' || a.id
                  else 'account' end;
begin
  if p_kind not in ('transfer', 'withdrawal', 'hold', 'hold_capture', 'adjustment', 'reversal', 'loan_repayment') then
    raise exception 'ledger_debit_check: unknown posting kind %', p_kind;
  end if;
  if a.id is null or a.kind not in ('current', 'savings') or (p_owner is not null and a.customer_id is distinct from p_owner) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', v_label || ' not found');
  end if;
  if p_kind = 'transfer' then
    if c.id is null or c.kind not in ('current', 'savings') then
      perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'creditor account not found');
    end if;
    if c.id = a.id then
      perform ledger_raise('SRL06', 'E_SAME_ACCOUNT', 'debtor and creditor are the same account');
    end if;
  end if;
  if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', v_label || ' is closed'); end if;
  if a.status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', v_label || ' is frozen'); end if;
  if p_kind = 'transfer' then
    if c.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'creditor account is closed'); end if;
    if a.currency <> p_currency or c.currency <> p_currency then
      perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'accounts and amount must share one currency');
    end if;
  elsif a.currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'amount currency differs from the account');
  end if;
  if p_kind in ('transfer', 'withdrawal', 'hold') and p_kyc is distinct from 'verified' then
    perform ledger_raise('SRL07', 'E_KYC_NOT_VERIFIED', 'customer identity not verified');
  end if;
  if a.available - p_amount < -a.overdraft_limit then
    perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', case p_kind
      when 'reversal' then v_label || ' lacks the funds to reverse' else 'insufficient available funds' end);
  end if;
end
$$;
