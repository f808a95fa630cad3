-- ledger_post_transfers(postings): a batch of transfers in ONE transaction
-- and one commit (group commit: the API's concurrent transfers share the
-- commit and the round trip instead of paying for one each).
--
-- p_postings: a jsonb array; each element names ledger_post_transfer()'s
-- parameters: {scope, key, request_hash, debtor, creditor_id,
-- creditor_number, amount (minor units, a string), currency, reference,
-- owner_customer, audit, payment}.
--
-- Guarantees:
-- - first, the locks, in the order a single transfer takes them
--   (payment_guard's day total, then its accounts in ascending id order):
--   today's payment_daily_totals row of every customer paying in the batch,
--   ascending (inserted with total 0 when missing), then every account the
--   batch may touch (debtors, creditors by id and by number) FOR NO KEY UPDATE
--   (the lock its balance UPDATEs take; inserts referencing the account are not
--   blocked) in ascending id order. So two batches, or a batch and a single
--   transfer, never deadlock, and each posting sees its accounts as the postings
--   before it in the batch left them;
-- - then each posting, in array order, is exactly ledger_post_transfer()
--   (every rule, idempotency, audit row, payment_guard) inside its own
--   subtransaction: a posting that raises is rolled back alone and the
--   others go on;
-- - a key used twice in one batch: the second replays the first (the same
--   as two requests one after the other).
--
-- Returns a jsonb array, one element per posting, in order: the posting's
-- result (ledger_transaction_json's shape), or {"error": {"code": SQLSTATE,
-- "message", "detail", "constraint"}} with the SQLSTATE the posting raised
-- (SRLnn for a rule, 40001/40P01 for the caller to retry that posting).
-- Raises only what a subtransaction cannot catch (a cancelled statement):
-- then nothing of the batch is committed.
--
-- Each posting is a subtransaction with its own transaction id: keep
-- batches at or below 64 postings (PostgreSQL caches 64 subtransaction ids
-- per backend; beyond that every snapshot in the cluster gets slower).
create or replace function ledger_post_transfers(p_postings jsonb) returns jsonb
language plpgsql as $$
declare
  p jsonb;
  v_results jsonb := '[]'::jsonb;
  v_result jsonb;
  v_state text;
  v_message text;
  v_detail text;
  v_constraint text;
  v_ids bigint[];
  v_numbers text[];
begin
  -- lock order, as in ledger_post_transfer (payment_guard's day total, then the accounts):
  -- first today's payment total of every paying customer, ascending (a row of 0 where there
  -- is none yet), then every account, ascending
  insert into payment_daily_totals as t (customer_id, currency, day, total)
    select distinct (e->>'owner_customer')::bigint, e->>'currency', (now() at time zone 'UTC')::date, 0
      from jsonb_array_elements(p_postings) e
     where jsonb_typeof(e->'payment') = 'object' and e->>'owner_customer' is not null
     order by 1, 2
  on conflict (customer_id, currency, day) do update set total = t.total;

  v_ids := array(select (e->>'debtor')::bigint from jsonb_array_elements(p_postings) e
    union select (e->>'creditor_id')::bigint from jsonb_array_elements(p_postings) e where e->>'creditor_id' is not null);
  v_numbers := array(select e->>'creditor_number' from jsonb_array_elements(p_postings) e where e->>'creditor_number' is not null);
  if cardinality(v_numbers) > 0 then
    v_ids := v_ids || array(select id from accounts where number = any(v_numbers));
  end if;
  perform 1 from accounts where id = any(v_ids) order by id for no key update;

  for p in select e from jsonb_array_elements(p_postings) e loop
    begin
      v_result := ledger_post_transfer(p->>'scope', p->>'key', p->>'request_hash', (p->>'debtor')::bigint,
        (p->>'creditor_id')::bigint, p->>'creditor_number', (p->>'amount')::bigint, p->>'currency',
        p->>'reference', (p->>'owner_customer')::bigint, p->'audit', nullif(p->'payment', 'null'::jsonb));
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
        v_detail = pg_exception_detail, v_constraint = constraint_name;
      v_result := jsonb_build_object('error', jsonb_build_object('code', v_state, 'message', v_message,
        'detail', nullif(v_detail, ''), 'constraint', nullif(v_constraint, '')));
    end;
    v_results := v_results || jsonb_build_array(v_result);
  end loop;
  return v_results;
end
$$;
