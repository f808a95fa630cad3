/**
 * RFC 4180 CSV of a statement, pure. Fields with a comma, quote or line
 * break are quoted (quotes doubled); free text that a spreadsheet would
 * run as a formula (= + - @ tab CR first) gets a leading apostrophe.
 * Lines end with CRLF.
 */
export interface StatementCsvRow {
  bookedAt: string
  transactionId: number
  kind: string
  reference: string | null
  description: string | null
  /** decimal strings; '' on the other side */
  debit: string
  credit: string
  balance: string
  currency: string
}

export const STATEMENT_CSV_HEADER = [
  'booked_at',
  'transaction_id',
  'kind',
  'reference',
  'description',
  'debit',
  'credit',
  'balance',
  'currency',
]

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function text(value: string | null): string {
  if (value === null) return ''
  return quote(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)
}

export function statementCsv(rows: StatementCsvRow[]): string {
  const lines = [STATEMENT_CSV_HEADER.join(',')]
  for (const row of rows) {
    lines.push(
      [
        row.bookedAt,
        String(row.transactionId),
        row.kind,
        text(row.reference),
        text(row.description),
        row.debit,
        row.credit,
        row.balance,
        row.currency,
      ].join(',')
    )
  }
  return lines.join('\r\n') + '\r\n'
}
