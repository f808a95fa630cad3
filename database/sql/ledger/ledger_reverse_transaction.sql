-- ledger_reverse_transaction(...): corrects a transaction by a new one
-- with mirrored entries, linked by reverses_id (unique: reversed at most
-- once). Entries are never changed.
--
-- Guarantees, in this order:
-- - idempotency (ledger_idempotency_begin): a completed key replays  SRL08, SRL09
-- - the transaction exists                          SRL14 E_TRANSACTION_NOT_FOUND
-- - it is not itself a reversal, nor a loan posting (a loan's postings
--   are corrected through the loan, which keeps its schedule in step)
--                                                   SRL15 E_NOT_REVERSIBLE
-- - it was not reversed yet                         SRL11 E_ALREADY_REVERSED
-- - the customer accounts it touches are locked FOR UPDATE in ascending id
--   order and, one after the other: an account the reversal debits passes
--   ledger_debit_check('reversal') (open, not frozen, funds within its
--   overdraft; no KYC: a bank correction), one it credits
--   ledger_credit_check('reversal') (open)          SRL04, SRL03, SRL01
-- - ledger_book('reversal'); the key; the audit row
--   'ledger.transaction.reversed' with before and after
-- When the money is gone, staff correct through suspense with an
-- adjustment instead. Returns the reversal as jsonb.
create or replace function ledger_reverse_transaction(
  p_scope text, p_key text, p_request_hash text, p_txn bigint, p_reason text, p_audit jsonb
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
  r record;
begin
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select * into o from ledger_transactions where id = p_txn;
  if not found then
    perform ledger_raise('SRL14', 'E_TRANSACTION_NOT_FOUND', 'transaction not found');
  end if;
  if o.kind = 'reversal' then
    perform ledger_raise('SRL15', 'E_NOT_REVERSIBLE', 'a reversal cannot be reversed');
  end if;
  if o.kind in ('loan_disbursement', 'loan_repayment', 'loan_write_off') then
    perform ledger_raise('SRL15', 'E_NOT_REVERSIBLE', 'a loan posting is corrected through its loan');
  end if;
  if exists (select 1 from ledger_transactions where reverses_id = p_txn) then
    perform ledger_raise('SRL11', 'E_ALREADY_REVERSED', 'transaction already reversed');
  end if;
  select array_agg(e.account_id order by e.id),
         array_agg(case e.direction when 'debit' then 'credit' else 'debit' end order by e.id),
         array_agg(e.amount order by e.id)
    into v_accounts, v_directions, v_amounts
    from ledger_entries e where e.transaction_id = p_txn;
  for r in
    select acc as account, x.delta
      from accounts acc
      join (select u.a, sum(case when u.d = 'credit' then u.m else -u.m end) as delta
              from unnest(v_accounts, v_directions, v_amounts) as u(a, d, m) group by u.a) x on x.a = acc.id
     where acc.kind <> 'internal'
     order by acc.id
       for update of acc
  loop
    if r.delta < 0 then
      perform ledger_debit_check('reversal', r.account, o.currency, -r.delta::bigint, null);
    else
      perform ledger_credit_check('reversal', r.account, o.currency);
    end if;
  end loop;
  v_txn := ledger_book('reversal', o.currency, v_accounts, v_directions, v_amounts,
    o.creditor_account_id, o.debtor_account_id, o.amount, o.reference, p_reason, o.id,
    p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb);
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.transaction.reversed',
    'subject_type', 'ledger_transaction', 'subject_id', o.id::text,
    'before', ledger_transaction_json(o.id) - 'replayed', 'after', v_result - 'replayed'));
  return v_result;
end
$$;
