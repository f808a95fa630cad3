import { errors } from '@vinejs/vine'

/**
 * Opaque pagination cursors: base64url of "<kind>:<id>". Clients pass
 * back links.next; a forged or foreign cursor is a 422 on `cursor`.
 */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url')
}

export function decodeCursor(kind: string, cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  const match = new RegExp(`^${kind}:([1-9]\\d{0,15})$`).exec(
    Buffer.from(cursor, 'base64url').toString('utf8')
  )
  if (!match) {
    throw new errors.E_VALIDATION_ERROR([
      { field: 'cursor', message: 'The cursor is not valid for this list', rule: 'cursor' },
    ])
  }
  return Number(match[1])
}

/** Digits only, else null (non-numeric path ids are "not found", never 422) */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null
}
