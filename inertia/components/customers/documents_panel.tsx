import type { FormEvent } from 'react'
import { useForm } from '@inertiajs/react'
import EmptyState from '~/components/empty_state'
import { SelectField } from '~/components/fields'
import type { Data } from '~/types'

const LABELS: Record<string, string> = {
  passport: 'Passport',
  id_card: 'ID card',
  proof_of_address: 'Proof of address',
  other: 'Other',
}

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`

/** KYC documents: the list (downloads are audited) and the upload form */
export default function DocumentsPanel({
  documents,
  types,
  canUpload,
  canDownload,
  action,
  errors,
}: {
  documents: Data.KycDocument[]
  types: string[]
  canUpload: boolean
  canDownload: boolean
  action: string
  errors: Record<string, string>
}) {
  const form = useForm<{ type: string; file: File | null }>({ type: types[0] ?? 'passport', file: null })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    form.post(action, { forceFormData: true, preserveScroll: true, onSuccess: () => form.reset() })
  }
  return (
    <section className="card" aria-labelledby="documents-title">
      <div className="card-header">
        <h2 id="documents-title">KYC documents</h2>
      </div>
      {documents.length === 0 ? (
        <EmptyState title="No documents uploaded." />
      ) : (
        <ul className="document-list">
          {documents.map((document) => (
            <li key={document.id}>
              <span>
                <strong>{LABELS[document.type] ?? document.type}</strong>{' '}
                <span className="subtle">
                  {document.originalName} · {kilobytes(document.size)} · {document.uploadedAt.slice(0, 10)}
                </span>
              </span>
              {canDownload && (
                <a className="btn btn-secondary btn-small" href={document.url} download>
                  Download
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <form className="card-body document-upload" onSubmit={submit}>
          <SelectField
            label="Document type"
            name="type"
            value={form.data.type}
            options={types.map((type) => ({ value: type, label: LABELS[type] ?? type }))}
            onChange={(e) => form.setData('type', e.target.value)}
            error={errors.type}
          />
          <div className="field">
            <label htmlFor="field-file">File (PDF, JPEG or PNG, up to 10 MB)</label>
            <input
              id="field-file"
              name="file"
              type="file"
              className="input"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              required
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={errors.file ? 'field-file-error' : undefined}
              onChange={(e) => form.setData('file', e.target.files?.[0] ?? null)}
            />
            {errors.file && (
              <span id="field-file-error" className="field-error">
                {errors.file}
              </span>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={form.processing || !form.data.file}>
              Upload
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
