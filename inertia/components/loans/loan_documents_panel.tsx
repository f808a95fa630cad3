import type { FormEvent } from 'react'
import { useForm } from '@inertiajs/react'
import { when, type LoanPageProps } from '~/components/loans/loan_types'

/** The documents attached to the application; a download link for those who review; the upload form while it takes documents */
export default function LoanDocumentsPanel({ documents, uploadUrl, errors }: Pick<LoanPageProps, 'documents'> & {
  /** null: this staff member may not attach one, or the application no longer takes documents */
  uploadUrl: string | null
  errors: Record<string, string>
}) {
  const form = useForm<{ file: File | null }>({ file: null })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (uploadUrl) form.post(uploadUrl, { forceFormData: true, preserveScroll: true, onSuccess: () => form.reset() })
  }
  return (
    <section className="card" aria-labelledby="loan-documents">
      <div className="card-header">
        <h2 id="loan-documents">Documents</h2>
      </div>
      {documents.length === 0 ? <p className="card-body subtle">No documents attached.</p> : (
        <ul className="card-body document-list">
          {documents.map((d) => (
            <li key={d.id}>
              {d.url ? <a href={d.url}>{d.name}</a> : d.name}{' '}
              <span className="subtle">({d.contentType}, {Math.ceil(d.size / 1024)} KB, by the {d.uploadedBy}, {when(d.uploadedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {uploadUrl && (
        <form className="card-body document-upload" onSubmit={submit}>
          <div className="field">
            <label htmlFor="loan-document-file">Attach a document (PDF, JPEG or PNG, up to 10 MB)</label>
            <input
              id="loan-document-file"
              name="file"
              type="file"
              className="input"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              required
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={errors.file ? 'loan-document-file-error' : undefined}
              onChange={(e) => form.setData('file', e.target.files?.[0] ?? null)}
            />
            {errors.file && (
              <span id="loan-document-file-error" className="field-error">
                {errors.file}
              </span>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={form.processing || !form.data.file}>
              Attach
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
