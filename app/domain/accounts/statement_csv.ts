/**
 * RFC 4180 CSV of a statement, pure. Every field that holds the
 * delimiter, a semicolon (the delimiter of many spreadsheet locales), a
 * quote, a tab, CR or LF is quoted (quotes doubled). Free text that a
 * spreadsheet could run as a formula is neutralised with a leading
 * apostrophe: a field, or any `;`-separated part of it, that starts with
 * = + - @ (also after leading white space, and their full-width forms),
 * a tab or a CR. Amounts (plain signed decimals) are left as they are.
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

const NEEDS_QUOTES = /[",;\t\r\n]/
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/

function quote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** An apostrophe before the field and before every `;`-separated part that could start a formula */
export function neutraliseFormula(value: string): string {
  return value
    .split(';')
    .map((part) => (FORMULA_START.test(part) ? `'${part}` : part))
    .join(';')
}

function text(value: string | null): string {
  if (value === null) return ''
  return quote(neutraliseFormula(value))
}

/** A column the app formats itself (dates, ids, amounts): a plain decimal stays, anything else is text */
function field(value: string): string {
  return PLAIN_DECIMAL.test(value) ? value : text(value)
}

export function statementCsv(rows: StatementCsvRow[]): string {
  const lines = [STATEMENT_CSV_HEADER.join(',')]
  for (const row of rows) {
    lines.push(
      [
        field(row.bookedAt),
        String(row.transactionId),
        field(row.kind),
        text(row.reference),
        text(row.description),
        field(row.debit),
        field(row.credit),
        field(row.balance),
        field(row.currency),
      ].join(',')
    )
  }
  return lines.join('\r\n') + '\r\n'
}
