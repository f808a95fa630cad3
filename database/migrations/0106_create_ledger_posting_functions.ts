import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer postings, each ONE function call = one round trip and, in
 * autocommit, its own transaction (ARCHITECTURE §3: short lock hold times).
 * Every function: idempotency (ledger_idempotency_begin), lock the customer
 * accounts FOR UPDATE in ascending id order, check the rules, book, store
 * the key, append the audit row, return the transaction as jsonb.
 * A failure raises an SRLnn SQLSTATE and rolls everything back.
 */
/**
 * The hot path. Everything that does not need the row locks happens first
 * (idempotency, unlocked rule checks, the transaction, entries, key and
 * audit rows); the locked section is the two balance UPDATEs, in ascending
 * id order, whose WHERE re-checks status and funds on the latest row
 * version, then the commit. A failed re-check raises and rolls it all back.
 */
export const TRANSFER = `
create or replace function ledger_post_transfer(
  p_scope text, p_key text, p_request_hash text, p_debtor bigint, p_creditor_id bigint,
  p_creditor_number text, p_amount bigint, p_currency text, p_reference text,
  p_owner_customer bigint, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_creditor bigint := p_creditor_id;
  v_txn bigint;
  v_result jsonb;
  v_done bigint;
  d record;
  c record;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  if v_creditor is null then
    select id into v_creditor from accounts where number = p_creditor_number;
  end if;
  select a.id, a.customer_id, a.kind, a.status, a.currency, a.available, a.overdraft_limit, cu.kyc_status
    into d from accounts a left join customers cu on cu.id = a.customer_id where a.id = p_debtor;
  if d.id is null or d.kind = 'internal'
     or (p_owner_customer is not null and d.customer_id is distinct from p_owner_customer) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'debtor account not found');
  end if;
  select a.id, a.kind, a.status, a.currency into c from accounts a where a.id = v_creditor;
  if c.id is null or c.kind = 'internal' then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'creditor account not found');
  end if;
  if c.id = d.id then
    perform ledger_raise('SRL06', 'E_SAME_ACCOUNT', 'debtor and creditor are the same account');
  end if;
  perform ledger_check_transfer(d.status, d.available, d.overdraft_limit, c.status, d.currency, c.currency,
    p_currency, d.kyc_status, p_amount);

  v_txn := nextval(pg_get_serial_sequence('ledger_transactions', 'id'));
  insert into ledger_transactions
    (id, kind, reference, actor_type, actor_id, debtor_account_id, creditor_account_id, amount, currency, entries_hash)
  values
    (v_txn, 'transfer', p_reference, coalesce(p_audit->>'actor_type', 'system'), p_audit->>'actor_id',
     p_debtor, v_creditor, p_amount, p_currency,
     ledger_entries_hash(v_txn, array[p_debtor, v_creditor], array['debit', 'credit'],
                         array[p_amount, p_amount], array[p_currency, p_currency]));
  insert into ledger_entries (transaction_id, account_id, direction, amount, currency)
  values (v_txn, p_debtor, 'debit', p_amount, p_currency), (v_txn, v_creditor, 'credit', p_amount, p_currency);
  v_result := jsonb_build_object(
    'id', v_txn, 'kind', 'transfer', 'status', 'booked', 'debtor_account_id', p_debtor,
    'creditor_account_id', v_creditor, 'amount', p_amount::text, 'currency', p_currency,
    'reference', p_reference, 'reverses_id', null,
    'booked_at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'replayed', false);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.transfer.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text, 'after', v_result - 'replayed'));

  -- locked section: ascending id order, rules re-checked on the current row version
  for i in 1..2 loop
    if (i = 1) = (p_debtor < v_creditor) then
      update accounts set balance = balance - p_amount, available = available - p_amount, updated_at = now()
       where id = p_debtor and status = 'active' and available - p_amount >= -overdraft_limit
      returning id into v_done;
      if v_done is null then
        select a.status, a.available, a.overdraft_limit into d from accounts a where a.id = p_debtor;
        perform ledger_check_transfer(d.status, d.available, d.overdraft_limit, 'active', p_currency,
          p_currency, p_currency, 'verified', p_amount);
        raise exception 'debtor % changed during the transfer', p_debtor using errcode = '40001';
      end if;
    else
      update accounts set balance = balance + p_amount, available = available + p_amount, updated_at = now()
       where id = v_creditor and status <> 'closed'
      returning id into v_done;
      if v_done is null then
        perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'creditor account is closed');
      end if;
    end if;
    v_done := null;
  end loop;
  return v_result;
end
$$`

/** The transfer rules, in the order their errors are reported */
const CHECK_TRANSFER = `
create or replace function ledger_check_transfer(
  p_debtor_status text, p_available bigint, p_overdraft bigint, p_creditor_status text,
  p_debtor_currency text, p_creditor_currency text, p_currency text, p_kyc text, p_amount bigint
) returns void
language plpgsql as $$
begin
  if p_debtor_status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'debtor account is closed'); end if;
  if p_debtor_status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'debtor account is frozen'); end if;
  if p_creditor_status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'creditor account is closed'); end if;
  if p_debtor_currency <> p_currency or p_creditor_currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'accounts and amount must share one currency');
  end if;
  if p_kyc is distinct from 'verified' then
    perform ledger_raise('SRL07', 'E_KYC_NOT_VERIFIED', 'customer identity not verified');
  end if;
  if p_available - p_amount < -p_overdraft then
    perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', 'insufficient available funds');
  end if;
end
$$`

/** Deposit (debit vault cash, credit customer) or withdrawal (the reverse) */
const CASH = `
create or replace function ledger_post_cash(
  p_kind text, p_scope text, p_key text, p_request_hash text, p_account bigint, p_amount bigint,
  p_currency text, p_reference text, p_owner_customer bigint, p_audit jsonb
) returns jsonb
language plpgsql as $$
declare
  v_replay bigint;
  v_vault bigint;
  v_txn bigint;
  v_result jsonb;
  a record;
begin
  if p_amount is null or p_amount <= 0 then
    perform ledger_raise('SRL10', 'E_INVALID_AMOUNT', 'amount must be positive');
  end if;
  if p_kind not in ('deposit', 'withdrawal') then
    raise exception 'unknown cash posting kind %', p_kind;
  end if;
  v_replay := ledger_idempotency_begin(p_scope, p_key, p_request_hash);
  if v_replay is not null then
    return ledger_transaction_json(v_replay) || '{"replayed": true}'::jsonb;
  end if;
  select acc.id, acc.customer_id, acc.kind, acc.status, acc.currency, acc.available, acc.overdraft_limit, cu.kyc_status
    into a from accounts acc left join customers cu on cu.id = acc.customer_id
   where acc.id = p_account for update of acc;
  if a.id is null or a.kind = 'internal'
     or (p_owner_customer is not null and a.customer_id is distinct from p_owner_customer) then
    perform ledger_raise('SRL02', 'E_ACCOUNT_NOT_FOUND', 'account not found');
  end if;
  if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'account is closed'); end if;
  if a.currency <> p_currency then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'amount currency differs from the account');
  end if;
  select id into v_vault from accounts where system_code = 'vault_cash' and currency = p_currency;
  if v_vault is null then
    perform ledger_raise('SRL05', 'E_CURRENCY_MISMATCH', 'the bank holds no ' || p_currency || ' cash');
  end if;
  if p_kind = 'withdrawal' then
    if a.status = 'frozen' then perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'account is frozen'); end if;
    if a.kyc_status is distinct from 'verified' then
      perform ledger_raise('SRL07', 'E_KYC_NOT_VERIFIED', 'customer identity not verified');
    end if;
    if a.available - p_amount < -a.overdraft_limit then
      perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', 'insufficient available funds');
    end if;
    v_txn := ledger_book('withdrawal', p_currency, array[p_account, v_vault], array['debit', 'credit'],
      array[p_amount, p_amount], p_account, v_vault, p_amount, p_reference, null, null,
      p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb);
  else
    v_txn := ledger_book('deposit', p_currency, array[v_vault, p_account], array['debit', 'credit'],
      array[p_amount, p_amount], v_vault, p_account, p_amount, p_reference, null, null,
      p_audit->>'actor_type', p_audit->>'actor_id', '{}'::jsonb);
  end if;
  v_result := ledger_transaction_json(v_txn);
  perform ledger_idempotency_complete(p_scope, p_key, p_request_hash, 'ledger_transaction', v_txn, 201);
  perform audit_append(p_audit || jsonb_build_object('action', 'ledger.' || p_kind || '.posted',
    'subject_type', 'ledger_transaction', 'subject_id', v_txn::text, 'after', v_result - 'replayed'));
  return v_result;
end
$$`

/**
 * Reversal: a new transaction with mirrored entries, linked by reverses_id
 * (unique). It obeys the same rules as any posting: an account it debits
 * must be active and stay within its overdraft, a closed account cannot
 * be touched. When the money is gone, staff correct through suspense with
 * an adjustment instead. A reversal cannot itself be reversed.
 */
const REVERSE = `
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
  a record;
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
  if exists (select 1 from ledger_transactions where reverses_id = p_txn) then
    perform ledger_raise('SRL11', 'E_ALREADY_REVERSED', 'transaction already reversed');
  end if;
  select array_agg(e.account_id order by e.id),
         array_agg(case e.direction when 'debit' then 'credit' else 'debit' end order by e.id),
         array_agg(e.amount order by e.id)
    into v_accounts, v_directions, v_amounts
    from ledger_entries e where e.transaction_id = p_txn;
  for a in
    select acc.id, acc.status, acc.available, acc.overdraft_limit, x.delta
      from accounts acc
      join (select u.a, sum(case when u.d = 'credit' then u.m else -u.m end) as delta
              from unnest(v_accounts, v_directions, v_amounts) as u(a, d, m) group by u.a) x on x.a = acc.id
     where acc.kind <> 'internal'
     order by acc.id
       for update of acc
  loop
    if a.status = 'closed' then perform ledger_raise('SRL04', 'E_ACCOUNT_CLOSED', 'account ' || a.id || ' is closed'); end if;
    if a.delta < 0 and a.status = 'frozen' then
      perform ledger_raise('SRL03', 'E_ACCOUNT_FROZEN', 'account ' || a.id || ' is frozen');
    end if;
    if a.delta < 0 and a.available + a.delta < -a.overdraft_limit then
      perform ledger_raise('SRL01', 'E_INSUFFICIENT_FUNDS', 'account ' || a.id || ' lacks the funds to reverse');
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
$$`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(CHECK_TRANSFER)
    this.schema.raw(TRANSFER)
    this.schema.raw(CASH)
    this.schema.raw(REVERSE)
  }

  async down() {
    this.schema.raw(
      'drop function if exists ledger_post_transfer(text, text, text, bigint, bigint, text, bigint, text, text, bigint, jsonb)'
    )
    this.schema.raw(
      'drop function if exists ledger_post_cash(text, text, text, text, bigint, bigint, text, text, bigint, jsonb)'
    )
    this.schema.raw('drop function if exists ledger_reverse_transaction(text, text, text, bigint, text, jsonb)')
    this.schema.raw(
      'drop function if exists ledger_check_transfer(text, bigint, bigint, text, text, text, text, text, bigint)'
    )
  }
}
