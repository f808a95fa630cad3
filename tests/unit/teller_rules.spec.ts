import { test } from '@japa/runner'
import { Money } from '#domain/money/money'
import { exceedsPostingLimit } from '#domain/ledger/posting_limit'
import { statementCsv } from '#domain/accounts/statement_csv'

test.group('Four-eyes posting limit', () => {
  test('is strictly above the limit, in the amount\'s own exponent', ({ assert }) => {
    assert.isFalse(exceedsPostingLimit(Money.fromDecimal('10000.00', 'GBP'), '10000.00'))
    assert.isTrue(exceedsPostingLimit(Money.fromDecimal('10000.01', 'GBP'), '10000.00'))
    assert.isTrue(exceedsPostingLimit(Money.fromDecimal('10001', 'JPY'), '10000.00'))
    assert.isFalse(exceedsPostingLimit(Money.fromDecimal('10000', 'JPY'), '10000.00'))
    assert.isTrue(exceedsPostingLimit(Money.fromDecimal('10000.001', 'KWD'), '10000'))
    assert.isFalse(exceedsPostingLimit(Money.fromDecimal('9999999999999.99', 'GBP'), '99999999999999'))
  })

  test('refuses a limit that is not a plain decimal', ({ assert }) => {
    assert.throws(() => exceedsPostingLimit(Money.fromDecimal('1.00', 'GBP'), '1e4'))
    assert.throws(() => exceedsPostingLimit(Money.fromDecimal('1.00', 'GBP'), '-5'))
  })
})

test.group('Statement CSV', () => {
  test('quotes, doubles quotes and defuses spreadsheet formulas', ({ assert }) => {
    const csv = statementCsv([
      {
        bookedAt: '2026-01-02T03:04:05.000000Z',
        transactionId: 7,
        kind: 'deposit',
        reference: '=SUM(A1)',
        description: 'a, "b"\nc',
        debit: '',
        credit: '1.50',
        balance: '-0.50',
        currency: 'GBP',
      },
    ])
    assert.equal(
      csv,
      'booked_at,transaction_id,kind,reference,description,debit,credit,balance,currency\r\n' +
        `2026-01-02T03:04:05.000000Z,7,deposit,'=SUM(A1),"a, ""b""\nc",,1.50,-0.50,GBP\r\n`
    )
  })
})
