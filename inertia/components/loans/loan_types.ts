import type { loanPageProps } from '#controllers/backoffice/loan_page_props'
import type { PropsOf } from '~/types'

/** Exactly what `loanPageProps()` builds on the server */
export type LoanPageProps = PropsOf<typeof loanPageProps>

/** 'under_review' → 'under review' */
export const statusWords = (status: string) => status.replaceAll('_', ' ')

/** '2026-05-01T10:20:30.000Z' → '2026-05-01 10:20' */
export const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')
