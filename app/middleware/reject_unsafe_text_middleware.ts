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
      firstUnsafe(ctx.params, 'params') ?? firstUnsafe(ctx.request.qs(), 'query') ?? firstUnsafe(ctx.request.body(), 'body')
    if (field !== null) {
      throw new errors.E_VALIDATION_ERROR([
        { field, message: SAFE_TEXT_MESSAGE.replace('{{ field }}', field), rule: 'safeText' },
      ])
    }
    return next()
  }
}

/**
 * The field (input key path) of the first string or key holding a
 * forbidden character, iterative at any depth. The name is the client's
 * own key only when it is a plain name: the session flashes errors into an
 * object keyed by field, where "constructor" or "__proto__" would break it;
 * otherwise it is the section (params, query, body).
 */
function firstUnsafe(input: unknown, section: string): string | null {
  const stack: Array<[unknown, string[]]> = [[input, []]]
  while (stack.length) {
    const [value, path] = stack.pop()!
    if (typeof value === 'string') {
      if (hasForbiddenCharacters(value)) return fieldName(path, section)
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, [...path, String(index)]]))
    } else if (value && typeof value === 'object' && isPlain(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (hasForbiddenCharacters(key)) return section
        stack.push([item, [...path, key]])
      }
    }
  }
  return null
}

function fieldName(path: string[], section: string): string {
  const plain = path.length > 0 && path.every((key) => /^[A-Za-z0-9_-]{1,64}$/.test(key) && !(key in Object.prototype))
  return plain ? (section === 'params' ? 'params.' : '') + path.join('.') : section
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
