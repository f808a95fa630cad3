-- ledger_post_loan_write_off(...): writes a loan off (staff, four-eyes:
-- ApprovedLoanWriteOff). One transaction:
--   debit  the bank's loan losses of the currency (internal, debit-normal)
--   credit the loan's receivable                  its whole balance
-- so the receivable ends at exactly zero and the loss is the principal
-- outstanding. Interest is on a cash basis: unpaid interest, fees and
-- penalties were never booked as income (ledger_post_loan_repayment
-- credits income only when paid), so there is nothing to reverse for
-- them and nothing else is booked; what was forgiven is the caller's to
-- record (loan_repayments, the loan's audit row).
--
-- Guarantees, in this order:
-- - p_principal > 0                                    SRL10 E_INVALID_AMOUNT
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the receivable locked FOR UPDATE (the only customer-side account; the
--   loss account is internal and not locked, ARCHITECTURE §3)
-- - the receivable is the loan account of p_customer in p_currency, not
--   closed, holding exactly p_principal (else a plain exception: the
--   caller computed the principal outstanding from the loan's schedule,
--   and the schedule and the receivable must agree)
-- - the bank keeps a loan_losses account in the currency  SRL05 E_CURRENCY_MISMATCH
-- - ledger_book('loan_write_off'); the key; the audit row
--   'ledger.loan_write_off.posted' with the amount
-- The loan's own state (status written_off, the loan_repayments row) is
-- the caller's, in the same transaction. Returns the transaction as jsonb.
create or replace function ledger_post_loan_write_off(
  p_scope text, p_key text, p_request_hash text, p_loan_account bigint, p_customer bigint,
  p_principal bigint, p_currency text, p_reference text, p_metadata jsonb, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_losses bigint;
  v_txn bigint;
  v_result jsonb;
  l accounts;
begin
  if p_principal is null or p_principal <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'a write-off needs a positive principal');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select * into l from accounts where id = p_loan_account for update;
  if l.id is null or l.kind <> 'loan' or l.customer_id <> p_customer or l.currency <> p_currency
     or l.status = 'closed' or l.balance <> p_principal then
    raise exception 'account % is not an open loan receivable of customer % holding exactly %', p_loan_account, p_customer, p_principal;
  end if;
  select id into v_losses from accounts where system_code = 'loan_losses' and currency = p_currency;
  if v_losses is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank keeps no ' || p_currency || ' loan losses account');
  end if;
  v_txn := ledger_book('loan_write_off', p_currency, array[v_losses, p_loan_account],
    array['debit', 'credit'], array[p_principal, p_principal],
    v_losses, p_loan_account, p_principal, p_reference, 'Loan write-off', null,
    p_audit->>'actor_type', p_audit->>'actor_id', coalesce(p_metadata, '{}'::jsonb));
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.loan_write_off.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text,
    'after', (v_result - 'replayed') || jsonb_build_object('principal', p_principal::text)));
  return v_result;
end
$$;
