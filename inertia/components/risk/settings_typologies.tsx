import TextField from '~/components/text_field'
import { parseNumberInput, type RuleSpecs } from '~/components/risk/settings_rules'
import type { BandWeights, RiskConfiguration, Typology } from '#domain/risk/risk_configuration'

const BANDS = ['low', 'medium', 'high'] as const

/**
 * The typologies as an editable form: name, thresholds (inclusive: a score
 * equal to the threshold alerts / blocks) and the points each rule's band
 * adds. Money-laundering typologies have no block threshold: they only
 * ever alert, so the customer is not tipped off.
 */
export default function SettingsTypologies({
  specs,
  typologies,
  onChange,
  errors,
}: {
  specs: RuleSpecs
  typologies: RiskConfiguration['typologies']
  onChange: (typologies: RiskConfiguration['typologies']) => void
  errors: Record<string, string>
}) {
  const update = (index: number, change: Partial<Typology>) =>
    onChange(typologies.map((t, i) => (i === index ? { ...t, ...change } : t)))

  const setWeight = (index: number, rule: string, band: (typeof BANDS)[number], raw: string) => {
    const weights = typologies[index].weights as Record<string, BandWeights>
    const current = weights[rule] ?? { low: 0, medium: 0, high: 0 }
    update(index, { weights: { ...weights, [rule]: { ...current, [band]: parseNumberInput(raw) as number } } })
  }

  return (
    <section className="card" aria-labelledby="risk-typologies-title">
      <div className="card-header">
        <h2 id="risk-typologies-title">Typologies</h2>
      </div>
      <div className="card-body stack">
        {typologies.map((typology, index) => {
          const base = `configuration.typologies.${index}`
          const weights = typology.weights as Record<string, BandWeights | undefined>
          return (
            <fieldset key={typology.id} className="form-card">
              <legend>
                {typology.name} <span className="subtle">({typology.id}, {typology.kind === 'fraud' ? 'fraud' : 'money laundering: alerts only'})</span>
              </legend>
              <div className="grid-3">
                <TextField label="Name" name={`${typology.id}.name`} value={typology.name}
                  onChange={(e) => update(index, { name: e.target.value })} error={errors[`${base}.name`]} />
                <TextField label="Alert at score (inclusive)" name={`${typology.id}.alertThreshold`} inputMode="decimal"
                  value={String(typology.alertThreshold)}
                  onChange={(e) => update(index, { alertThreshold: parseNumberInput(e.target.value) as number })}
                  error={errors[`${base}.alertThreshold`]} />
                {typology.kind === 'fraud' ? (
                  <TextField label="Block at score (inclusive; empty: never)" name={`${typology.id}.blockThreshold`} inputMode="decimal"
                    value={typology.blockThreshold === null ? '' : String(typology.blockThreshold)}
                    onChange={(e) => update(index, { blockThreshold: e.target.value.trim() === '' ? null : (parseNumberInput(e.target.value) as number) })}
                    error={errors[`${base}.blockThreshold`]} />
                ) : (
                  errors[`${base}.blockThreshold`] && <span className="field-error">{errors[`${base}.blockThreshold`]}</span>
                )}
              </div>
              <table className="table">
                <caption className="visually-hidden">Points per rule and band for {typology.name}</caption>
                <thead>
                  <tr><th scope="col">Rule</th>{BANDS.map((band) => <th key={band} scope="col">{band}</th>)}</tr>
                </thead>
                <tbody>
                  {specs.map((rule) => (
                    <tr key={rule.id}>
                      <th scope="row">{rule.label}</th>
                      {BANDS.map((band) => {
                        const error = errors[`${base}.weights.${rule.id}.${band}`] ?? errors[`${base}.weights.${rule.id}`]
                        return (
                          <td key={band}>
                            <input className="input" aria-label={`${rule.label}, ${band}`} inputMode="decimal"
                              name={`${typology.id}.${rule.id}.${band}`}
                              value={weights[rule.id] ? String(weights[rule.id]![band]) : ''}
                              placeholder="0"
                              onChange={(e) => setWeight(index, rule.id, band, e.target.value)}
                              aria-invalid={error ? true : undefined} />
                            {error && <span className="field-error">{error}</span>}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              {errors[`${base}.weights`] && <span className="field-error">{errors[`${base}.weights`]}</span>}
            </fieldset>
          )
        })}
      </div>
    </section>
  )
}
