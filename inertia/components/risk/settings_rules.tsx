import TextField from '~/components/text_field'
import type { ruleFormSpecs } from '#controllers/backoffice/risk_settings_page_props'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'

export type RuleSpecs = ReturnType<typeof ruleFormSpecs>
type Settings = Record<string, { enabled: boolean; params: Record<string, unknown> }>

/** A typed-in number stays a number (what the validator expects); anything else is kept as typed and refused by it */
export function parseNumberInput(raw: string): number | string {
  return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw
}

/**
 * The rules of a risk configuration as an editable form: enabled and each
 * parameter (money as a decimal in the event's currency, windows and
 * counts as whole numbers, ratios as numbers). Errors come keyed by path
 * ("configuration.rules.velocity.params.mediumCount").
 */
export default function SettingsRules({
  specs,
  rules,
  onChange,
  errors,
}: {
  specs: RuleSpecs
  rules: RiskConfiguration['rules']
  onChange: (rules: RiskConfiguration['rules']) => void
  errors: Record<string, string>
}) {
  const settings = rules as unknown as Settings
  const update = (id: string, change: Partial<{ enabled: boolean; params: Record<string, unknown> }>) =>
    onChange({ ...settings, [id]: { ...settings[id], ...change } } as unknown as RiskConfiguration['rules'])

  return (
    <section className="card" aria-labelledby="risk-rules-title">
      <div className="card-header">
        <h2 id="risk-rules-title">Rules</h2>
      </div>
      <div className="card-body stack">
        <p className="subtle">
          Every threshold is strict: a rule fires when a figure is more than its setting. Amounts are in the
          event's currency ("10000.00" is 10,000.00 GBP and 10,000 JPY).
        </p>
        {specs.map((rule) => {
          const setting = settings[rule.id]
          const base = `configuration.rules.${rule.id}`
          return (
            <fieldset key={rule.id} className="form-card">
              <legend>{rule.label}</legend>
              <p className="subtle">{rule.description}</p>
              <label>
                <input
                  type="checkbox"
                  name={`${rule.id}.enabled`}
                  checked={setting.enabled}
                  onChange={(e) => update(rule.id, { enabled: e.target.checked })}
                />{' '}
                Enabled
              </label>
              {errors[`${base}.enabled`] && <span className="field-error">{errors[`${base}.enabled`]}</span>}
              <div className="grid-3">
                {rule.params.map((param) => (
                  <TextField
                    key={param.name}
                    label={param.label}
                    name={`${rule.id}.${param.name}`}
                    inputMode={param.kind === 'money' || param.kind === 'ratio' ? 'decimal' : 'numeric'}
                    value={String(setting.params[param.name] ?? '')}
                    onChange={(e) =>
                      update(rule.id, {
                        params: {
                          ...setting.params,
                          [param.name]: param.kind === 'money' ? e.target.value : parseNumberInput(e.target.value),
                        },
                      })
                    }
                    error={errors[`${base}.params.${param.name}`] ?? (param.name === rule.params[0].name ? errors[base] : undefined)}
                  />
                ))}
              </div>
            </fieldset>
          )
        })}
      </div>
    </section>
  )
}
