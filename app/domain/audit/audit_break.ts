/** What `audit:verify` can find wrong with the trail (stored in audit_verifications.breaks) */
export type AuditBreakKind =
  | 'row_hash'
  | 'block_link'
  | 'block_hash'
  | 'block_members'
  | 'unsealed_below_watermark'
  | 'append_only_trigger'
  | 'block_signature'
  | 'checkpoint'

/** One break, naming the event or block where the chain no longer holds */
export interface AuditBreak {
  kind: AuditBreakKind
  eventId?: number
  blockId?: number
  message: string
}
