-- ledger_post_loan_disbursement(...): pays a loan out. One transaction:
--   debit  the loan's receivable (kind 'loan', debit-normal)  principal
--   credit the borrower's account                             principal - fee
--   credit the bank's fee income of the currency              fee (when > 0)
-- so the receivable holds the whole principal and the origination fee is
-- taken out of what the borrower receives.
--
-- Guarantees, in this order:
-- - principal > 0, 0 <= fee < principal                 SRL10 E_INVALID_AMOUNT
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - both accounts locked FOR UPDATE in ascending id order
-- - the receivable is a loan account of p_customer in p_currency, open,
--   never posted to (balance 0); else a plain exception: the caller
--   (DisburseLoan) created it in the same transaction
-- - the borrower's account: ledger_credit_check('deposit'): exists, is a
--   deposit account of p_customer, open, currency  SRL02, SRL04, SRL05;
--   and it is not frozen (a loan is not paid into a frozen account)
--                                                  SRL03 E_ACCOUNT_FROZEN
-- - the bank keeps a fee income account in that currency  SRL05
-- - ledger_book('loan_disbursement'); the key; the audit row
--   'ledger.loan_disbursement.posted'
-- The loan's own state (status, schedule) is the caller's, in the same
-- transaction. Returns the transaction as jsonb.
create or replace function ledger_post_loan_disbursement(
  p_scope text, p_key text, p_request_hash text, p_loan_account bigint, p_borrower_account bigint,
  p_customer bigint, p_principal bigint, p_fee bigint, p_currency text, p_reference text,
  p_metadata jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_fee_income bigint;
  v_txn bigint;
  v_result jsonb;
  l accounts;
  b accounts;
begin
  if p_principal is null or p_principal <= 0 or p_fee is null or p_fee < 0 or p_fee >= p_principal then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'principal must be positive and the fee below it');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  perform 1 from accounts where id in (p_loan_account, p_borrower_account) order by id for update;
  select * into l from accounts where id = p_loan_account;
  select * into b from accounts where id = p_borrower_account;
  if l.id is null or l.kind <> 'loan' or l.customer_id <> p_customer or l.currency <> p_currency
     or l.status <> 'active' or l.balance <> 0 then
    raise exception 'account % is not a fresh loan receivable of customer %', p_loan_account, p_customer;
  end if;
  perform ledger_credit_check('deposit', b, p_currency, p_customer);
  if b.status = 'frozen' then
    perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'the disbursement account is frozen');
  end if;
  select id into v_fee_income from accounts where system_code = 'fee_income' and currency = p_currency;
  if v_fee_income is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank keeps no ' || p_currency || ' fee income account');
  end if;
  if p_fee > 0 then
    v_txn := ledger_book('loan_disbursement', p_currency, array[p_loan_account, p_borrower_account, v_fee_income],
      array['debit', 'credit', 'credit'], array[p_principal, p_principal - p_fee, p_fee],
      p_loan_account, p_borrower_account, p_principal, p_reference, 'Loan disbursement', null,
      p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  else
    v_txn := ledger_book('loan_disbursement', p_currency, array[p_loan_account, p_borrower_account],
      array['debit', 'credit'], array[p_principal, p_principal],
      p_loan_account, p_borrower_account, p_principal, p_reference, 'Loan disbursement', null,
      p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  end if;
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.loan_disbursement.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text,
    'after', (v_result - 'replayed') || jsonb_build_object('fee', p_fee::text)));
  return v_result;
end
$$;
