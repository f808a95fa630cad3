import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { errors } from '@vinejs/vine'
import vine from '@vinejs/vine'
import { calendarDate, hasForbiddenCharacters, isCalendarDay } from '#validators/common'
import { listTransactionsValidator, statementQueryValidator } from '#validators/account'
import { listAuditEventsValidator } from '#validators/audit'
import { listCustomersValidator } from '#validators/customer'
import { createTransferValidator } from '#validators/transfer'

const APP_DIR = fileURLToPath(new URL('../../../app/', import.meta.url))

async function failedFields(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run()
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) return (error.messages as any[]).map((m) => m.field)
    throw error
  }
  return []
}

test.group('Validators: text and calendar days (#validators/common)', () => {
  test('no code builds a VineJS string or date without the shared helpers, nor a validator outside app/validators', async ({ assert }) => {
    const rawSchemas: string[] = []
    const strayValidators: string[] = []
    for (const file of await readdir(APP_DIR, { recursive: true })) {
      if (!file.endsWith('.ts') || file === 'validators/common.ts') continue
      const source = await readFile(APP_DIR + file, 'utf8')
      if (/vine\s*\.\s*(string|date)\s*\(/.test(source)) rawSchemas.push(file)
      if (!file.startsWith('validators/') && /vine\s*\.\s*(create|compile)\s*\(/.test(source)) strayValidators.push(file)
    }
    assert.deepEqual(rawSchemas, [], 'use text(), calendarDay() or calendarDate() from #validators/common')
    assert.deepEqual(strayValidators, [], 'validators live in app/validators')
  })

  test('NUL and every bidi control are forbidden; ordinary text, emoji and accents are not', ({ assert }) => {
    for (const cp of [0x0, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      assert.isTrue(hasForbiddenCharacters(`a${String.fromCodePoint(cp)}b`), cp.toString(16))
    }
    for (const ok of ['Ünïcødé', 'rent 🏠', 'tab\there', 'line\nbreak', '\u200f', 'שלום']) {
      assert.isFalse(hasForbiddenCharacters(ok), ok)
    }
  })

  test('a calendar day exists: no 2024-02-30, 2023-02-29, month 13, day 45, year 0', ({ assert }) => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-45', '9999-99-99', '0000-01-01', '2024-1-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '2024-04-31']) {
      assert.isFalse(isCalendarDay(bad), bad)
    }
    for (const ok of ['2024-02-29', '2000-02-29', '1900-02-28', '0001-01-01', '9999-12-31']) {
      assert.isTrue(isCalendarDay(ok), ok)
    }
  })

  test('the validators themselves refuse NUL, bidi controls and impossible dates', async ({ assert }) => {
    const transfer = {
      headers: { 'idempotency-key': 'k-1' },
      debtorAccountId: '1',
      creditor: { accountId: '2' },
      amount: { amount: '1.00', currency: 'GBP' },
      reference: 'a\u0000b',
    }
    assert.deepEqual(await failedFields(() => createTransferValidator.validate(transfer)), ['reference'])
    assert.deepEqual(await failedFields(() => listCustomersValidator.validate({ q: 'a\u202eb' })), ['q'])
    assert.deepEqual(await failedFields(() => statementQueryValidator.validate({ from: '2024-13-45' })), ['from'])
    assert.deepEqual(await failedFields(() => listAuditEventsValidator.validate({ to: '9999-99-99' })), ['to'])
    assert.deepEqual(await failedFields(() => listTransactionsValidator.validate({ bookedFrom: '2024-02-30' })), ['bookedFrom'])
    assert.deepEqual(
      await failedFields(() => listTransactionsValidator.validate({ bookedFrom: '2024-02-02', bookedTo: '2024-02-01' })),
      ['bookedTo']
    )
    const dated = vine.create({ day: calendarDate() })
    for (const day of ['1990-02-30', '2023-02-29', '2024-13-01', '0000-01-01', '2024-01-01T00:00:00Z']) {
      assert.deepEqual(await failedFields(() => dated.validate({ day })), ['day'], day)
    }
    assert.equal((await dated.validate({ day: '2024-02-29' })).day.getDate(), 29)
  })
})
