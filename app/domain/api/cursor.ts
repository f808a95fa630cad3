/**
 * Opaque pagination cursors: base64url of "<kind>:<id>". Clients pass
 * back links.next. Pure: the 422 for a bad cursor is the validator's
 * (app/validators/cursor.ts).
 */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url')
}

/** The id inside a cursor of this kind, or null for a forged or foreign one */
export function cursorId(kind: string, cursor: string): number | null {
  const match = new RegExp(`^${kind}:([1-9]\\d{0,15})$`).exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : null
}

/** Digits only, else null (non-numeric path ids are "not found", never 422) */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null
}
