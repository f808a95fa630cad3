-- ledger_raise(state, code, detail): raises a ledger failure.
--
-- Guarantees: always raises; never returns. The SQLSTATE is the rule's own
-- SRLnn (p_state), the message its stable code (E_...), the detail the
-- human text. app/services/ledger/ledger_errors.ts maps each SRLnn to one
-- exception class, so every rule raises through this function.
--
-- Raises: p_state / p_code, as given.
create or replace function ledger_raise(p_state text, p_code text, p_detail text) returns void
language plpgsql as $$
begin
  raise exception using errcode = p_state, message = p_code, detail = coalesce(p_detail, '');
end
$$;
