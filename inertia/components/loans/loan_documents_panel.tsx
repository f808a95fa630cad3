import { when, type LoanPageProps } from '~/components/loans/loan_types'

/** The documents attached to the application; a download link for those who review */
export default function LoanDocumentsPanel({ documents }: Pick<LoanPageProps, 'documents'>) {
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
    </section>
  )
}
