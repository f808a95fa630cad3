import { errors } from '@vinejs/vine'
import { cursorId } from '#domain/api/cursor'

/**
 * The id a list continues after: null without a cursor; a forged or
 * foreign cursor is a validation error on `cursor` (422, like any field).
 */
export function decodeCursor(kind: string, cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  const id = cursorId(kind, cursor)
  if (id === null) {
    throw new errors.E_VALIDATION_ERROR([
      { field: 'cursor', message: 'The cursor is not valid for this list', rule: 'cursor' },
    ])
  }
  return id
}
