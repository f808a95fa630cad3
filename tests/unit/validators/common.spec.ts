import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { errors } from '@vinejs/vine'
import { hasForbiddenCharacters, isCalendarDay } from '#validators/common'
import { listTransactionsValidator, statementQueryValidator } from '#validators/account'
import { listAuditEventsValidator } from '#validators/audit'
import { listCustomersValidator } from '#validators/customer'
import { createTransferValidator } from '#validators/transfer'

const VALIDATORS_DIR = fileURLToPath(new URL('../../../app/validators/', import.meta.url))

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
  test('no validator file builds a string or a date without the shared helpers', async ({ assert }) => {
    const offenders: string[] = []
    for (const file of await readdir(VALIDATORS_DIR)) {
      if (!file.endsWith('.ts') || file === 'common.ts') continue
      const source = await readFile(VALIDATORS_DIR + file, 'utf8')
      if (/vine\s*\.\s*(string|date)\s*\(/.test(source)) offenders.push(file)
    }
    assert.deepEqual(offenders, [], 'use text(), calendarDay() or calendarDate() from #validators/common')
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
  })
})
