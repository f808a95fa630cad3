-- ledger_reverse_loan_repayment(...): corrects a mistaken loan repayment
-- (staff, four-eyes: ApprovedRepaymentReversal) by a new transaction of
-- kind 'reversal' with the mirrored entries, linked by reverses_id (unique:
-- reversed at most once):
--   credit the borrower's account        what it paid
--   debit  the loan's receivable         the principal back (when > 0)
--   debit  the bank's interest income    the interest (when > 0)
--   debit  the bank's fee income         the fees and penalties (when > 0)
-- The generic ledger_reverse_transaction refuses loan postings on purpose:
-- only this function reverses one, and only through the loan
-- (the caller puts the instalments back in the same transaction).
--
-- Guarantees, in this order:
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the transaction exists                          SRL14 E_TRANSACTION_NOT_FOUND
-- - it is a loan repayment (kind 'loan_repayment') from p_borrower_account
--   to p_loan_account                               SRL15 E_NOT_REVERSIBLE
-- - it was not reversed yet                         SRL11 E_ALREADY_REVERSED
-- - both accounts locked FOR UPDATE in ascending id order
-- - the receivable is the loan account of p_customer in its currency
--   (else a plain exception: the caller passes the loan's own accounts)
-- - the borrower's account: ledger_credit_check('reversal'): a deposit
--   account of p_customer, not closed, currency (a frozen account can
--   still be credited)                              SRL02, SRL04, SRL05
-- - ledger_book('reversal'); the key; the audit row
--   'ledger.loan_repayment.reversed' with before and after
-- Returns the reversal as jsonb.
create or replace function ledger_reverse_loan_repayment(
  p_scope text, p_key text, p_request_hash text, p_txn bigint, p_loan_account bigint,
  p_borrower_account bigint, p_customer bigint, p_reason text, p_metadata jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  o ledger_transactions;
  v_accounts bigint[];
  v_directions text[];
  v_amounts bigint[];
  v_txn bigint;
  v_result jsonb;
  l accounts;
  b accounts;
begin
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select * into o from ledger_transactions where id = p_txn;
  if not found then
    perform ledger_raise('SRL14', 'E_TRANSACTION_NOT_FOUND', 'transaction not found');
  end if;
  if o.kind <> 'loan_repayment' or o.debtor_account_id is distinct from p_borrower_account
     or o.creditor_account_id is distinct from p_loan_account then
    perform ledger_raise('SRL15', 'E_NOT_REVERSIBLE', 'not a repayment of this loan');
  end if;
  if exists (select 1 from ledger_transactions where reverses_id = p_txn) then
    perform ledger_raise('SRL11', 'E_ALREADY_REVERSED', 'transaction already reversed');
  end if;
  perform 1 from accounts where id in (p_loan_account, p_borrower_account) order by id for update;
  select * into l from accounts where id = p_loan_account;
  select * into b from accounts where id = p_borrower_account;
  if l.id is null or l.kind <> 'loan' or l.customer_id <> p_customer or l.currency <> o.currency then
    raise exception 'account % is not a loan receivable of customer %', p_loan_account, p_customer;
  end if;
  perform ledger_credit_check('reversal', b, o.currency, p_customer);
  select array_agg(e.account_id order by e.id),
         array_agg(case e.direction when 'debit' then 'credit' else 'debit' end order by e.id),
         array_agg(e.amount order by e.id)
    into v_accounts, v_directions, v_amounts
    from ledger_entries e where e.transaction_id = p_txn;
  v_txn := ledger_book('reversal', o.currency, v_accounts, v_directions, v_amounts,
    o.creditor_account_id, o.debtor_account_id, o.amount, o.reference, p_reason, o.id,
    p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.loan_repayment.reversed',
    'subject_type', 'ledger_transaction', 'subject_id', o.id::text,
    'before', ledger_transaction_json(o.id) - 'replayed', 'after', v_result - 'replayed'));
  return v_result;
end
$$;
