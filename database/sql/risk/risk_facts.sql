-- risk_facts(...): the customer's recent history around one event, as the
-- risk rules read it (RiskFacts in app/domain/risk/risk_event.ts), in one
-- call: the payment path runs it before every customer payment, so each
-- read is bounded. Read-only; every statement's plan is cached per session.
--
-- Guarantees:
-- - every read of ledger_transactions walks an index backwards from the
--   newest row and stops after p_sample rows per account (by debtor, by
--   creditor): a busy account costs what a quiet one does. Velocity and
--   the pattern come from the customer's latest p_sample outgoing postings
--   per account (transfers, withdrawals) booked before p_at, in p_currency;
--   structuring from the deposits among the latest p_sample incoming
--   postings per account and the withdrawals among the outgoing ones;
--   received-in-window and the last incoming movement from the event
--   account's latest p_sample incoming postings (openings left out);
-- - failed logins: 'auth.token.failed' audit rows of the customer in the
--   window, among the latest 1,000 of the window (the action's index);
-- - the payee's first payment from customer_payees (payees paid above the
--   SCA exemption); the device: when the customer's newest sign-in device
--   was first seen, provided they had signed in from another before;
-- - key_resource: the resource type stored under (p_scope, p_key) when the
--   idempotency key was used; active_version: the active configuration.
--
-- Raises: nothing of its own. Returns jsonb (amounts as decimal strings of
-- minor units, times as timestamptz).
create or replace function risk_facts(
  p_customer bigint, p_account bigint, p_payee bigint, p_payee_number text, p_currency text,
  p_at timestamptz, p_sample int, p_velocity_minutes int, p_pattern_days int, p_structuring_days int,
  p_near_from bigint, p_near_below bigint, p_rapid_minutes int, p_login_minutes int,
  p_scope text, p_key text
) returns jsonb
language plpgsql stable as $$
declare
  v_accounts bigint[];
  v_payee bigint := p_payee;
  v_velocity_since timestamptz := p_at - make_interval(mins => p_velocity_minutes);
  v_pattern_since timestamptz := p_at - make_interval(days => p_pattern_days);
  v_structuring_since timestamptz := p_at - make_interval(days => p_structuring_days);
  v_rapid_since timestamptz := p_at - make_interval(mins => p_rapid_minutes);
  v_out record;
  v_in record;
  v_last_debit timestamptz;
  v_login_floor bigint;
  v_failed int := 0;
  v_payee_first timestamptz;
  v_device timestamptz;
  v_key_resource text;
  v_version int;
begin
  select coalesce(array_agg(id), '{}') into v_accounts from accounts where customer_id = p_customer;
  if v_payee is null and p_payee_number is not null then
    select id into v_payee from accounts where number = p_payee_number;
  end if;

  select count(*) filter (where t.booked_at > v_velocity_since) as velocity_count,
         coalesce(sum(t.amount) filter (where t.booked_at > v_velocity_since), 0) as velocity_total,
         count(*) filter (where t.booked_at > v_pattern_since) as pattern_count,
         coalesce(div(sum(t.amount) filter (where t.booked_at > v_pattern_since),
                      nullif(count(*) filter (where t.booked_at > v_pattern_since), 0)), 0) as pattern_mean,
         coalesce(max(t.amount) filter (where t.booked_at > v_pattern_since), 0) as pattern_max,
         coalesce(array_agg(t.amount::text order by t.booked_at) filter (
           where t.kind = 'withdrawal' and t.booked_at > v_structuring_since
             and t.amount >= p_near_from and t.amount < p_near_below), '{}') as near_withdrawals
    into v_out
    from unnest(v_accounts) a(id)
    cross join lateral (
      select amount, booked_at, kind, currency from ledger_transactions
       where debtor_account_id = a.id order by id desc limit p_sample
    ) t
   where t.currency = p_currency and t.kind in ('transfer', 'withdrawal') and t.booked_at < p_at;

  select coalesce(array_agg(t.amount::text order by t.booked_at) filter (
           where t.kind = 'deposit' and t.currency = p_currency and t.booked_at > v_structuring_since
             and t.booked_at < p_at and t.amount >= p_near_from and t.amount < p_near_below), '{}') as near_deposits,
         coalesce(sum(t.amount) filter (
           where a.id = p_account and t.kind <> 'opening' and t.currency = p_currency
             and t.booked_at > v_rapid_since and t.booked_at < p_at), 0) as received,
         max(t.booked_at) filter (where a.id = p_account and t.kind <> 'opening' and t.booked_at < p_at) as last_credit
    into v_in
    from unnest(v_accounts) a(id)
    cross join lateral (
      select amount, booked_at, kind, currency from ledger_transactions
       where creditor_account_id = a.id order by id desc limit p_sample
    ) t;

  select booked_at into v_last_debit from ledger_transactions
   where debtor_account_id = p_account and booked_at < p_at order by id desc limit 1;

  select id into v_login_floor from audit_events
   where occurred_at > p_at - make_interval(mins => p_login_minutes) order by occurred_at limit 1;
  if v_login_floor is not null then
    select count(*) into v_failed from (
      select actor_type, actor_id, occurred_at from audit_events
       where action = 'auth.token.failed' and id >= v_login_floor order by id desc limit 1000
    ) f
    where f.actor_type = 'customer' and f.actor_id = p_customer::text and f.occurred_at < p_at;
  end if;

  select first_paid_at into v_payee_first from customer_payees where customer_id = p_customer and account_id = v_payee;
  select case when count(*) > 1 then max(first_seen_at) end into v_device
    from customer_devices where customer_id = p_customer;
  if p_key is not null then
    select resource_type into v_key_resource from idempotency_keys where scope = p_scope and key = p_key;
  end if;
  select max(version) into v_version from risk_configurations;

  return jsonb_build_object(
    'velocity_count', v_out.velocity_count, 'velocity_total', v_out.velocity_total::text,
    'pattern_count', v_out.pattern_count, 'pattern_mean', v_out.pattern_mean::text,
    'pattern_max', v_out.pattern_max::text,
    'near_threshold', to_jsonb(v_in.near_deposits || v_out.near_withdrawals),
    'payee_first_paid_at', v_payee_first,
    'last_activity_at', greatest(v_last_debit, v_in.last_credit),
    'received_in_window', v_in.received::text,
    'failed_logins', v_failed,
    'device_first_seen_at', v_device,
    'key_resource', v_key_resource,
    'active_version', v_version);
end
$$;
