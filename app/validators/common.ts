import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * Building blocks shared by every validator in app/validators. Every text
 * field starts from `text()` and every date from `calendarDay()` or
 * `calendarDate()`; a unit test (tests/unit/validators/common.spec.ts)
 * fails when a validator file calls vine.string() or vine.date() itself.
 */

/**
 * NUL (PostgreSQL text cannot hold it) and the Unicode bidirectional
 * embedding, override and isolate controls U+202A–U+202E, U+2066–U+2069
 * ("Trojan Source": text that displays differently from what it is).
 */
export const FORBIDDEN_TEXT_CHARACTERS = /[\u0000\u202A-\u202E\u2066-\u2069]/

export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_TEXT_CHARACTERS.test(value)
}

export const SAFE_TEXT_MESSAGE = 'The {{ field }} field must not contain NUL or bidirectional control characters'

/** Refuses NUL and the bidi controls; runs first, on the value as sent */
export const safeTextRule = vine.createRule(function safeText(value: unknown, _options: undefined, field: FieldContext) {
  if (typeof value === 'string' && hasForbiddenCharacters(value)) {
    field.report(SAFE_TEXT_MESSAGE, 'safeText', field)
  }
})

/** A day written YYYY-MM-DD that exists in the Gregorian calendar, years 0001-9999 */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const calendarDayRule = vine.createRule(function calendarDay(value: unknown, _options: undefined, field: FieldContext) {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    field.report('The {{ field }} field must be a real calendar date written YYYY-MM-DD', 'calendarDay', field)
  }
})

/** This day is the same as or later than the day in another field (both YYYY-MM-DD) */
const notBeforeFieldRule = vine.createRule(function notBeforeField(
  value: unknown,
  options: { otherField: string },
  field: FieldContext
) {
  const other = vine.helpers.getNestedValue(options.otherField, field)
  if (typeof value === 'string' && typeof other === 'string' && isCalendarDay(other) && value < other) {
    field.report(`The {{ field }} field must be the same as or after ${options.otherField}`, 'notBeforeField', field)
  }
})

/** Any text input: a string without NUL or bidi controls (chain trim, lengths ... after it) */
export const text = () => vine.string().use(safeTextRule())

/** A calendar day kept as the string YYYY-MM-DD (filters, statement ranges) */
export const calendarDay = () => text().trim().use(calendarDayRule())

/** `calendarDay()` that must not be earlier than another calendar-day field */
export const calendarDayNotBefore = (otherField: string) =>
  calendarDay().use(notBeforeFieldRule({ otherField }))

/** A calendar day parsed strictly (YYYY-MM-DD, no roll-over of 2024-02-30) into a Date */
export const calendarDate = () =>
  vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('1000-01-01').beforeOrEqual('9999-12-31')

/** ISO 8601 date-time with a zone: 2026-12-31T23:59:59Z, 2026-12-31T23:59:59.123+01:00 */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/

const dateTimeRule = vine.createRule(function dateTime(value: unknown, _options: undefined, field: FieldContext) {
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null
  if (!match || !isCalendarDay(match[1])) {
    field.report('The {{ field }} field must be an ISO 8601 date-time with a time zone (2026-12-31T23:59:59Z)', 'dateTime', field)
  }
})

/** An ISO 8601 date-time with a time zone, strictly checked (no 2026-02-30), as a Date */
export const dateTime = () =>
  text()
    .trim()
    .use(dateTimeRule())
    .transform((value) => new Date(value))
