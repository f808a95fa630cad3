import { Exception } from '@adonisjs/core/exceptions'

/**
 * Base class of every domain failure. Each subclass sets a stable `code`
 * (E_INSUFFICIENT_FUNDS), an HTTP `status` and a short `title`; the
 * exception handler renders problem+json for /api and a flash message for
 * the backoffice. `errors` carries field-level details when there are any.
 */
export class DomainException extends Exception {
  static title = 'Request failed'

  errors?: Array<{ field?: string; message: string; rule?: string }>

  /** RFC 9457 extension members added to the problem (e.g. which limit, what remains) */
  extensions?: Record<string, unknown>

  get title(): string {
    return (this.constructor as typeof DomainException).title
  }
}
