-- auth_token_revoked_notify(): trigger function of customer_access_tokens
-- (triggers customer_access_tokens_revoked and customer_access_tokens_truncated,
-- migration 0701).
--
-- Guarantees: every change that can end or narrow a bearer token reaches every
-- web process's token cache (app/services/auth/token_cache.ts) at commit, on
-- the channel strongroom_token_revoked:
-- - DELETE, or an UPDATE of anything but last_used_at (expiry shortened,
--   abilities, hash, owner): payload 'token:<id>' (the old id);
-- - TRUNCATE: payload '*' (every cached token is dropped).
-- An UPDATE of last_used_at alone (written by the API at most every 5
-- minutes per token) notifies nothing. A rolled-back change notifies nothing
-- (NOTIFY is transactional).
--
-- Raises: nothing.
create or replace function auth_token_revoked_notify() returns trigger
language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('strongroom_token_revoked', '*');
    return null;
  end if;
  if tg_op = 'UPDATE' and (to_jsonb(old) - 'last_used_at') = (to_jsonb(new) - 'last_used_at') then
    return null;
  end if;
  perform pg_notify('strongroom_token_revoked', 'token:' || old.id);
  return null;
end
$$;
