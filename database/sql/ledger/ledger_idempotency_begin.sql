-- ledger_idempotency_begin(scope, key, request_hash): the first step of
-- every money-moving command (ARCHITECTURE §3, idempotency).
--
-- Guarantees: with no key, returns null (nothing to protect). Otherwise
-- takes a transaction-scoped advisory lock on (scope, key), so the same key
-- cannot be in flight twice, and returns the id of the resource the key
-- already produced (the caller replays it), or null when the key is new
-- (the caller posts, then calls ledger_idempotency_complete()).
--
-- Raises: SRL09 E_IDEMPOTENCY_IN_FLIGHT (the same key is being processed),
-- SRL08 E_IDEMPOTENCY_KEY_REUSED (the key was used with a different request).
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
$$;
