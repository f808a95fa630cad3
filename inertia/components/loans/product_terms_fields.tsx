import { SelectField, TextField } from '~/components/fields'
import type { LoanProductFormOptions, TermsFormData } from '~/components/loans/product_types'

type Props = {
  data: TermsFormData
  set: <K extends keyof TermsFormData>(key: K, value: TermsFormData[K]) => void
  errors: Record<string, string | undefined>
  options: LoanProductFormOptions
  /** the product's currency: amounts are typed in it */
  currency: string
}

/**
 * Every term of a loan product version, as form fields: amounts as
 * decimals in the product's currency, rates as percentages, the repayment
 * allocation order as a list moved up and down. The server converts and
 * checks them (minor units, ppm, min ≤ max, a permutation).
 */
export default function ProductTermsFields({ data, set, errors, options, currency }: Props) {
  const text = (key: Exclude<keyof TermsFormData, 'allocation_order'>, label: string, extra: { hint?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <TextField label={extra.hint ? `${label} (${extra.hint})` : label} name={key} value={data[key]} inputMode={extra.inputMode}
      onChange={(e) => set(key, e.target.value)} error={errors[key]} />
  )
  const move = (index: number, by: -1 | 1) => {
    const order = [...data.allocation_order]
    ;[order[index], order[index + by]] = [order[index + by], order[index]]
    set('allocation_order', order)
  }
  const componentLabel = (value: string) => options.components.find((c) => c.value === value)?.label ?? value
  const orderError = errors.allocation_order ?? Object.entries(errors).find(([field]) => field.startsWith('allocation_order.'))?.[1]

  return (
    <>
      {text('name', 'Name (shown to customers)')}
      <div className="grid grid-2">
        {text('min_principal', 'Minimum principal', { hint: currency, inputMode: 'decimal' })}
        {text('max_principal', 'Maximum principal', { hint: currency, inputMode: 'decimal' })}
        {text('min_term', 'Minimum term', { hint: 'instalments', inputMode: 'numeric' })}
        {text('max_term', 'Maximum term', { hint: 'instalments', inputMode: 'numeric' })}
        <SelectField label="Repayment frequency" name="frequency" options={options.frequencies} value={data.frequency}
          onChange={(e) => set('frequency', e.target.value)} error={errors.frequency} />
        <SelectField label="Amortisation" name="amortisation" options={options.amortisations} value={data.amortisation}
          onChange={(e) => set('amortisation', e.target.value)} error={errors.amortisation} />
        {text('annual_rate', 'Nominal annual rate', { hint: '%', inputMode: 'decimal' })}
        {text('origination_fee', 'Origination fee', { hint: '% of the principal', inputMode: 'decimal' })}
        {text('late_penalty', 'Late-payment penalty per missed instalment', { hint: currency, inputMode: 'decimal' })}
        {text('grace_days', 'Grace days before the penalty', { inputMode: 'numeric' })}
        {text('max_debt_to_income', 'Maximum debt-to-income', { hint: '%', inputMode: 'decimal' })}
        {text('second_approval_above', 'Second officer needed above', { hint: currency, inputMode: 'decimal' })}
      </div>
      <fieldset className="field">
        <legend>Repayment allocation order (a payment pays the first component first)</legend>
        <ol>
          {data.allocation_order.map((component, index) => (
            <li key={component}>
              {componentLabel(component)}{' '}
              <button type="button" className="btn btn-secondary btn-small" disabled={index === 0}
                aria-label={`Move ${componentLabel(component)} up`} onClick={() => move(index, -1)}>↑</button>{' '}
              <button type="button" className="btn btn-secondary btn-small" disabled={index === data.allocation_order.length - 1}
                aria-label={`Move ${componentLabel(component)} down`} onClick={() => move(index, 1)}>↓</button>
            </li>
          ))}
        </ol>
        {orderError && <span className="field-error">{orderError}</span>}
      </fieldset>
    </>
  )
}
