import { neutraliseFormula } from '#domain/accounts/statement_csv'

/**
 * The loan portfolio as RFC 4180 CSV, one line per loan, pure. Same
 * conventions as the account statement (#domain/accounts/statement_csv):
 * a field holding the delimiter, a semicolon, a quote, a tab, CR or LF is
 * quoted (quotes doubled); free text (the customer's name, the product's
 * name) that a spreadsheet could run as a formula gets a leading
 * apostrophe; amounts are plain decimals in the loan's currency (its
 * exponent, from bigint minor units, never a float); lines end with CRLF.
 */
export interface PortfolioCsvRow {
  loanId: number
  customerNumber: string
  customerName: string
  productName: string
  currency: string
  /** decimal strings */
  principal: string
  outstanding: string
  status: string
  daysPastDue: number
  /** the delinquency bucket's code, 'current', or '' for a loan that ended */
  bucket: string
  /** 'YYYY-MM-DD' (UTC) */
  disbursedOn: string
}

export const PORTFOLIO_CSV_HEADER = [
  'loan_id',
  'customer_number',
  'customer',
  'product',
  'currency',
  'principal',
  'outstanding',
  'status',
  'days_past_due',
  'bucket',
  'disbursed_on',
]

const NEEDS_QUOTES = /[",;\t\r\n]/
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/

function text(value: string): string {
  const safe = neutraliseFormula(value)
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A column the app formats itself (ids, amounts, codes, dates): a plain decimal stays, anything else is text */
function field(value: string): string {
  return PLAIN_DECIMAL.test(value) ? value : text(value)
}

export function portfolioCsv(rows: PortfolioCsvRow[]): string {
  const lines = [PORTFOLIO_CSV_HEADER.join(',')]
  for (const row of rows) {
    lines.push(
      [
        String(row.loanId),
        field(row.customerNumber),
        text(row.customerName),
        text(row.productName),
        field(row.currency),
        field(row.principal),
        field(row.outstanding),
        field(row.status),
        String(row.daysPastDue),
        field(row.bucket),
        field(row.disbursedOn),
      ].join(',')
    )
  }
  return lines.join('\r\n') + '\r\n'
}
