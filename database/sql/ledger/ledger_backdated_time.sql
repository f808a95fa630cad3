-- ledger_backdated_time(setting): the explicit booking time of
-- strongroom.booking_time, checked. Called by ledger_booking_time() only
-- when the setting is present.
--
-- Guarantees: returns the time only on a development/test database
-- (ledger_backdating_allowed()) and only when it is a valid timestamp not
-- in the future.
--
-- Raises: SRL56 E_BACKDATING_REFUSED (not allowed here, not a timestamp,
-- in the future); the posting then rolls back.
create or replace function ledger_backdated_time(p_setting text) returns timestamptz
language plpgsql stable as $$
declare
  v_time timestamptz;
begin
  if not ledger_backdating_allowed() then
    perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED',
      'strongroom.booking_time is honoured only on a development or test database');
  end if;
  begin
    v_time := p_setting::timestamptz;
  exception when others then
    perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED', 'strongroom.booking_time is not a timestamp');
  end;
  if v_time > now() then
    perform ledger_raise('SRL56', 'E_BACKDATING_REFUSED', 'strongroom.booking_time is in the future');
  end if;
  return v_time;
end
$$;
