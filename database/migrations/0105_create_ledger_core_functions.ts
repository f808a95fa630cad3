import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Shared SQL building blocks of the ledger's posting functions:
 *
 * - ledger_raise: raises a ledger failure with its own SQLSTATE (SRLnn) and
 *   the stable code as message; app/services/ledger/ledger_errors.ts maps them to
 *   exception classes.
 * - ledger_entries_hash: THE canonical hash of a transaction's entries, used
 *   when booking and by `node ace ledger:verify`.
 * - ledger_idempotency_begin / _complete: the idempotency protocol
 *   (advisory xact lock => in flight; same hash => replay; other => reuse).
 * - ledger_book: inserts the transaction + entries and moves the balance and
 *   available of the customer accounts involved (callers have locked and
 *   checked them). Internal accounts are neither locked nor updated.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create or replace function ledger_raise(p_state text, p_code text, p_detail text) returns void
      language plpgsql as $$
      begin
        raise exception using errcode = p_state, message = p_code, detail = coalesce(p_detail, '');
      end
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_entries_hash(
        p_txn bigint, p_accounts bigint[], p_directions text[], p_amounts bigint[], p_currencies text[]
      ) returns char(64)
      language sql immutable as $$
        select encode(sha256(convert_to(
          p_txn::text || '|' || string_agg(d || ':' || a::text || ':' || m::text || ':' || c, '|' order by d, a, m, c),
          'UTF8')), 'hex')
        from unnest(p_accounts, p_directions, p_amounts, p_currencies) as u(a, d, m, c)
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_transaction_json(p_id bigint) returns jsonb
      language sql stable as $$
        select jsonb_build_object(
          'id', t.id, 'kind', t.kind, 'status', 'booked',
          'debtor_account_id', t.debtor_account_id, 'creditor_account_id', t.creditor_account_id,
          'amount', t.amount::text, 'currency', t.currency, 'reference', t.reference,
          'reverses_id', t.reverses_id,
          'booked_at', to_char(t.booked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'replayed', false)
        from ledger_transactions t where t.id = p_id
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_idempotency_begin(p_scope text, p_key text, p_request_hash text)
      returns bigint
      language plpgsql as $$
      declare
        v_hash text;
        v_resource bigint;
      begin
        if p_key is null then
          return null;
        end if;
        if not pg_try_advisory_xact_lock(hashtextextended(p_scope || ':' || p_key, 0)) then
          perform ledger_raise('SRL09', 'E_IDEMPOTENCY_IN_FLIGHT', 'a request with this key is in progress');
        end if;
        select request_hash, resource_id into v_hash, v_resource
          from idempotency_keys where scope = p_scope and key = p_key;
        if found then
          if v_hash is distinct from p_request_hash then
            perform ledger_raise('SRL08', 'E_IDEMPOTENCY_KEY_REUSED', 'key used with a different request');
          end if;
          return v_resource;
        end if;
        return null;
      end
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_idempotency_complete(
        p_scope text, p_key text, p_request_hash text, p_type text, p_resource bigint, p_status int
      ) returns void
      language sql as $$
        insert into idempotency_keys
          (scope, key, request_hash, status, resource_type, resource_id, response_status, created_at, completed_at)
        select p_scope, p_key, p_request_hash, 'completed', p_type, p_resource, p_status, now(), now()
        where p_key is not null
      $$
    `)

    this.schema.raw(`
      create or replace function ledger_book(
        p_kind text, p_currency text,
        p_accounts bigint[], p_directions text[], p_amounts bigint[],
        p_debtor bigint, p_creditor bigint, p_amount bigint,
        p_reference text, p_description text, p_reverses bigint,
        p_actor_type text, p_actor_id text, p_metadata jsonb
      ) returns bigint
      language plpgsql as $$
      declare
        v_txn bigint := nextval(pg_get_serial_sequence('ledger_transactions', 'id'));
        v_currencies text[] := array_fill(p_currency, array[cardinality(p_accounts)]);
      begin
        insert into ledger_transactions
          (id, kind, reference, description, reverses_id, actor_type, actor_id,
           debtor_account_id, creditor_account_id, amount, currency, entries_hash, metadata)
        values
          (v_txn, p_kind, p_reference, p_description, p_reverses, coalesce(p_actor_type, 'system'), p_actor_id,
           p_debtor, p_creditor, p_amount, p_currency,
           ledger_entries_hash(v_txn, p_accounts, p_directions, p_amounts, v_currencies),
           coalesce(p_metadata, '{}'::jsonb));
        insert into ledger_entries (transaction_id, account_id, direction, amount, currency)
          select v_txn, a, d, m, p_currency from unnest(p_accounts, p_directions, p_amounts) as u(a, d, m);
        update accounts acc
           set balance = acc.balance + x.delta * (case when acc.normal_balance = 'credit' then 1 else -1 end),
               available = acc.available + x.delta * (case when acc.normal_balance = 'credit' then 1 else -1 end),
               updated_at = now()
          from (select a, sum(case when d = 'credit' then m else -m end) as delta
                  from unnest(p_accounts, p_directions, p_amounts) as u(a, d, m) group by a) x
         where acc.id = x.a and acc.kind <> 'internal' and x.delta <> 0;
        return v_txn;
      end
      $$
    `)
  }

  async down() {
    for (const fn of [
      'ledger_book(text, text, bigint[], text[], bigint[], bigint, bigint, bigint, text, text, bigint, text, text, jsonb)',
      'ledger_idempotency_complete(text, text, text, text, bigint, int)',
      'ledger_idempotency_begin(text, text, text)',
      'ledger_transaction_json(bigint)',
      'ledger_entries_hash(bigint, bigint[], text[], bigint[], text[])',
      'ledger_raise(text, text, text)',
    ]) {
      this.schema.raw(`drop function if exists ${fn}`)
    }
  }
}
