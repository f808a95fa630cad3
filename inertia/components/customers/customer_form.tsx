import type { FormEvent } from 'react'
import { Link, useForm } from '@inertiajs/react'
import { SelectField, TextField } from '~/components/fields'
import type { Data } from '~/types'

export interface CustomerFormData {
  fullName: string
  email: string
  phone: string
  dateOfBirth: string
  addressLine1: string
  addressLine2: string
  city: string
  postcode: string
  country: string
  nationalId: string
  residencyRegion?: string
}

/**
 * Create / edit form of a customer. On edit the sensitive fields start
 * blank (staff editing details may not be allowed to see them): a blank
 * field keeps the stored value, `masked` shows what is on file.
 */
export default function CustomerForm({
  initial,
  action,
  cancelUrl,
  submitLabel,
  errors,
  masked,
  regions,
}: {
  initial: Partial<CustomerFormData>
  action: string
  cancelUrl: string
  submitLabel: string
  errors: Record<string, string>
  masked?: Data.CustomerProfile['masked']
  /** create only: the residency region select (a customer's region never changes afterwards) */
  regions?: { codes: string[]; default: string }
}) {
  const form = useForm<CustomerFormData>({
    fullName: '', email: '', phone: '', dateOfBirth: '', addressLine1: '', addressLine2: '', city: '', postcode: '', country: '', nationalId: '',
    ...(regions ? { residencyRegion: regions.default } : {}),
    ...initial,
  })
  const keep = (value: string | null | undefined) =>
    masked ? (value ? `On file: ${value}. Leave blank to keep it.` : 'None on file.') : undefined
  const field = (name: keyof CustomerFormData, label: string, props: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      name={name}
      value={form.data[name]}
      onChange={(e) => form.setData(name, e.target.value)}
      error={errors[name]}
      {...props}
    />
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    form.post(action)
  }
  return (
    <form className="card form-card card-body" onSubmit={submit} noValidate>
      {field('fullName', 'Full name', { required: true, autoFocus: true, autoComplete: 'off' })}
      {field('email', 'Email', { type: 'email', required: true, autoComplete: 'off' })}
      {regions && (
        <SelectField
          label="Residency region"
          name="residencyRegion"
          value={form.data.residencyRegion}
          onChange={(e) => form.setData('residencyRegion', e.target.value)}
          options={regions.codes.map((code) => ({ value: code, label: code.toUpperCase() }))}
          hint="Where this customer's files, backups and exports are kept. It cannot be changed later."
          error={errors.residencyRegion}
        />
      )}
      <fieldset className="customer-sensitive">
        <legend>Sensitive identifiers</legend>
        {masked && <p className="field-hint">{keep(masked.phone)} (phone)</p>}
        {field('phone', 'Phone', { type: 'tel', autoComplete: 'off' })}
        {masked && <p className="field-hint">{keep(masked.dateOfBirth)} (date of birth)</p>}
        {field('dateOfBirth', 'Date of birth', { type: 'date' })}
        {masked && <p className="field-hint">{keep(masked.nationalId)} (national id)</p>}
        {field('nationalId', 'National id (optional)', { autoComplete: 'off', maxLength: 40 })}
        {masked && <p className="field-hint">{keep(masked.address)} (address)</p>}
        {field('addressLine1', 'Address line 1', { autoComplete: 'off' })}
        {field('addressLine2', 'Address line 2', { autoComplete: 'off' })}
        <div className="grid grid-3">
          {field('city', 'City', { autoComplete: 'off' })}
          {field('postcode', 'Postcode', { autoComplete: 'off' })}
          {field('country', 'Country (ISO code)', { maxLength: 2, placeholder: 'GB', autoComplete: 'off' })}
        </div>
      </fieldset>
      <div className="form-actions">
        <Link className="btn btn-secondary" href={cancelUrl}>
          Cancel
        </Link>
        <button type="submit" className="btn" disabled={form.processing}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
