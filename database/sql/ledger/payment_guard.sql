-- payment_guard(payment, customer, debtor, creditor, amount, currency, txn, hold):
-- customer payment rules (ARCHITECTURE §4, PSD2 RTS art. 4-5 and 16),
-- called by ledger_post_transfer() before its locked section when the
-- caller passes a payment policy (the customer API does; staff and system
-- transfers pass null and keep their own four-eyes rules).
--
-- p_payment: {single_limit, daily_limit, threshold, exemption, authorisation_id}
-- (minor units as strings; the limits are the configured defaults, a
-- customer_payment_limits override wins).
--
-- Guarantees, in this order:
-- - single-payment limit                        SRL20 E_LIMIT_EXCEEDED (detail: JSON)
-- - dynamic linking: a matching, unexpired, unconsumed authorisation is
--   consumed (linked to p_txn, or to p_hold for a payment held for review
--   by ledger_hold_payment); without one, a payment above the threshold,
--   or above the exemption to a payee never paid above it, is refused
--                                               SRL21 E_SCA_REQUIRED (detail: JSON reason)
-- - daily total: the conditional upsert of payment_daily_totals, whose row
--   lock serialises one customer's payments until commit, so two parallel
--   payments that together exceed the limit cannot both book
--                                               SRL20 E_LIMIT_EXCEEDED
-- - a payment above the exemption makes the creditor a known payee.
create or replace function payment_guard(
  p_payment jsonb, p_customer bigint, p_debtor bigint, p_creditor bigint, p_amount bigint,
  p_currency text, p_txn bigint, p_hold bigint default null
) returns void
language plpgsql as $$
declare
  v_single bigint;
  v_daily bigint;
  v_total bigint;
  v_found uuid;
  v_auth uuid := nullif(p_payment->>'authorisation_id', '')::uuid;
  v_exemption bigint := (p_payment->>'exemption')::bigint;
  v_day date := (now() at time zone 'UTC')::date;
begin
  select l.single_limit, l.daily_limit into v_single, v_daily
    from customer_payment_limits l where l.customer_id = p_customer and l.currency = p_currency;
  v_single := coalesce(v_single, (p_payment->>'single_limit')::bigint);
  v_daily := coalesce(v_daily, (p_payment->>'daily_limit')::bigint);
  if p_amount > v_single then
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object(
      'limit', 'single', 'currency', p_currency, 'limit_minor', v_single::text, 'remaining_minor', v_single::text)::text);
  end if;

  if v_auth is not null then
    update payment_authorisations set consumed_at = now(), transaction_id = p_txn, hold_id = p_hold
     where id = v_auth and customer_id = p_customer and consumed_at is null and expires_at > now()
       and debtor_account_id = p_debtor and creditor_account_id = p_creditor
       and amount = p_amount and currency = p_currency
    returning id into v_found;
    if v_found is null then
      perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object('reason', 'authorisation_mismatch')::text);
    end if;
  elsif p_amount > (p_payment->>'threshold')::bigint then
    perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object(
      'reason', 'amount_above_threshold', 'threshold_minor', p_payment->>'threshold')::text);
  elsif p_amount > v_exemption
        and not exists (select 1 from customer_payees where customer_id = p_customer and account_id = p_creditor) then
    perform ledger_raise('SRL21', 'E_SCA_REQUIRED', jsonb_build_object(
      'reason', 'new_payee', 'exemption_minor', v_exemption::text)::text);
  end if;

  if p_amount > v_daily then
    select coalesce(sum(total), 0) into v_total from payment_daily_totals
     where customer_id = p_customer and currency = p_currency and day = v_day;
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object('limit', 'daily', 'currency', p_currency,
      'limit_minor', v_daily::text, 'remaining_minor', greatest(v_daily - v_total, 0)::text)::text);
  end if;
  insert into payment_daily_totals as t (customer_id, currency, day, total)
  values (p_customer, p_currency, v_day, p_amount)
  on conflict (customer_id, currency, day) do update set total = t.total + excluded.total
   where t.total + excluded.total <= v_daily
  returning total into v_total;
  if v_total is null then
    select total into v_total from payment_daily_totals
     where customer_id = p_customer and currency = p_currency and day = v_day;
    perform ledger_raise('SRL20', 'E_LIMIT_EXCEEDED', jsonb_build_object('limit', 'daily', 'currency', p_currency,
      'limit_minor', v_daily::text, 'remaining_minor', greatest(v_daily - v_total, 0)::text)::text);
  end if;

  if p_amount > v_exemption then
    insert into customer_payees (customer_id, account_id) values (p_customer, p_creditor) on conflict do nothing;
  end if;
end
$$;
