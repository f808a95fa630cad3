import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors } from '@vinejs/vine'
import { SAFE_TEXT_MESSAGE, hasForbiddenCharacters } from '#validators/common'

/**
 * Defence in depth behind the validators (#validators/common `text()`):
 * a NUL or a bidi control anywhere in the route params, the query string
 * or the parsed body (values and keys) is a 422 validation error before
 * any controller runs, so no code path that reads input without a
 * validator (route params, a future controller) can hand one to
 * PostgreSQL. Files of a multipart body are not inspected, only its fields.
 */
export default class RejectUnsafeTextMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const field =
      firstUnsafe(ctx.params, 'params') ?? firstUnsafe(ctx.request.qs(), '') ?? firstUnsafe(ctx.request.body(), '')
    if (field !== null) {
      throw new errors.E_VALIDATION_ERROR([
        { field, message: SAFE_TEXT_MESSAGE.replace('{{ field }}', field), rule: 'safeText' },
      ])
    }
    return next()
  }
}

/** The path of the first string (or key) holding a forbidden character; iterative, any depth */
function firstUnsafe(input: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[input, root]]
  while (stack.length) {
    const [value, path] = stack.pop()!
    if (typeof value === 'string') {
      if (hasForbiddenCharacters(value)) return path || 'body'
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, join(path, String(index))]))
    } else if (value && typeof value === 'object' && isPlain(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (hasForbiddenCharacters(key)) return join(path, key.replace(/[^\x20-\x7e]/g, '?'))
        stack.push([item, join(path, key)])
      }
    }
  }
  return null
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}
