-- auth_customer_changed_notify(): trigger function of customers
-- (triggers customers_token_cache and customers_token_cache_truncated,
-- migration 0701).
--
-- Guarantees: a change of a customer row drops every cached bearer token of
-- that customer in every web process (app/services/auth/token_cache.ts), at
-- commit, on the channel strongroom_token_revoked. The cache holds the
-- customer row with the token (status, KYC status, sealed personal data,
-- TOTP enrolment), so any UPDATE that changes the row (status closed,
-- erasure, KYC decision, profile edit) or a DELETE sends
-- 'customer:<id>' (the old id); TRUNCATE sends '*'. An UPDATE that changes
-- nothing, or only totp_last_time_step (the one-time-code replay guard,
-- written at every sign-in and every payment authorisation, never cached),
-- notifies nothing: NOTIFY serialises the commits that send it, so the
-- payment path must not send one. A rolled-back change notifies nothing.
--
-- Raises: nothing.
create or replace function auth_customer_changed_notify() returns trigger
language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('strongroom_token_revoked', '*');
    return null;
  end if;
  if tg_op = 'UPDATE'
     and (to_jsonb(old) - 'totp_last_time_step') = (to_jsonb(new) - 'totp_last_time_step') then
    return null;
  end if;
  perform pg_notify('strongroom_token_revoked', 'customer:' || old.id);
  return null;
end
$$;
