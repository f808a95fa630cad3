-- ledger_post_loan_repayment(...): the borrower pays part of a loan from a
-- deposit account (a scheduled collection, a prepayment, a payoff). One
-- transaction:
--   debit  the borrower's account        principal + interest + charges
--   credit the loan's receivable         principal  (when > 0)
--   credit the bank's interest income    interest   (when > 0; cash basis)
--   credit the bank's fee income         charges    (fees and penalties, when > 0)
-- How the amount splits over the components and instalments is the
-- caller's (#domain/loans/allocation), written in loan_repayments in the
-- same transaction.
--
-- Guarantees, in this order:
-- - every part >= 0 and their sum > 0                  SRL10 E_INVALID_AMOUNT
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - both accounts locked FOR UPDATE in ascending id order
-- - the receivable is the loan account of p_customer in p_currency holding
--   at least p_principal (else a plain exception: the caller's allocation
--   never exceeds what is outstanding)
-- - the borrower's account: ledger_debit_check('loan_repayment'): a
--   deposit account of p_customer, open, not frozen, currency, funds
--   within the overdraft (no KYC: repaying the bank)
--                                        SRL02, SRL04, SRL03, SRL05, SRL01
-- - the bank keeps interest and fee income accounts in the currency  SRL05
-- - ledger_book('loan_repayment'); the key; the audit row
--   'ledger.loan_repayment.posted' with the parts
-- Returns the transaction as jsonb.
create or replace function ledger_post_loan_repayment(
  p_scope text, p_key text, p_request_hash text, p_loan_account bigint, p_borrower_account bigint,
  p_customer bigint, p_principal bigint, p_interest bigint, p_charges bigint, p_currency text,
  p_reference text, p_metadata jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_total bigint := coalesce(p_principal, -1) + coalesce(p_interest, -1) + coalesce(p_charges, -1);
  v_replay bigint;
  v_interest_income bigint;
  v_fee_income bigint;
  v_accounts bigint[];
  v_directions text[];
  v_amounts bigint[];
  v_txn bigint;
  v_result jsonb;
  l accounts;
  b accounts;
begin
  if p_principal is null or p_interest is null or p_charges is null
     or p_principal < 0 or p_interest < 0 or p_charges < 0 or v_total <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'a repayment needs positive parts');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  perform 1 from accounts where id in (p_loan_account, p_borrower_account) order by id for update;
  select * into l from accounts where id = p_loan_account;
  select * into b from accounts where id = p_borrower_account;
  if l.id is null or l.kind <> 'loan' or l.customer_id <> p_customer or l.currency <> p_currency
     or l.balance < p_principal then
    raise exception 'account % is not a loan receivable of customer % holding %', p_loan_account, p_customer, p_principal;
  end if;
  perform ledger_debit_check('loan_repayment', b, p_currency, v_total, null, p_customer);
  select id into v_interest_income from accounts where system_code = 'interest_income' and currency = p_currency;
  select id into v_fee_income from accounts where system_code = 'fee_income' and currency = p_currency;
  if v_interest_income is null or v_fee_income is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank keeps no ' || p_currency || ' income accounts');
  end if;
  select array_agg(a order by n), array_agg(d order by n), array_agg(m order by n)
    into v_accounts, v_directions, v_amounts
    from (values (1, p_borrower_account, 'debit', v_total),
                 (2, p_loan_account, 'credit', p_principal),
                 (3, v_interest_income, 'credit', p_interest),
                 (4, v_fee_income, 'credit', p_charges)) as parts(n, a, d, m)
   where m > 0;
  v_txn := ledger_book('loan_repayment', p_currency, v_accounts, v_directions, v_amounts,
    p_borrower_account, p_loan_account, v_total, p_reference, 'Loan repayment', null,
    p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.loan_repayment.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text,
    'after', (v_result - 'replayed') || jsonb_build_object('principal', p_principal::text,
      'interest', p_interest::text, 'charges', p_charges::text)));
  return v_result;
end
$$;
