/** A job's error line, and its payload and full output as JSON behind a disclosure */
export default function JobDetails({ error, data, output }: { error: string | null; data: string; output: string }) {
  return (
    <>
      <div className="mono">{error ?? '—'}</div>
      <details>
        <summary className="subtle">Payload and output</summary>
        <pre className="json">{data}</pre>
        <pre className="json">{output}</pre>
      </details>
    </>
  )
}
