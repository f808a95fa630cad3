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

  test('quotes a reference with semicolons and neutralises the formula inside it (inv;=cmd|\' /C calc\'!A0;)', ({ assert }) => {
    const csv = statementCsv([
      {
        bookedAt: '2026-01-02T03:04:05.000000Z',
        transactionId: 8,
        kind: 'deposit',
        reference: "inv;=cmd|' /C calc'!A0;",
        description: null,
        debit: '',
        credit: '1.00',
        balance: '1.00',
        currency: 'GBP',
      },
    ])
    assert.equal(csv.split('\r\n')[1], `2026-01-02T03:04:05.000000Z,8,deposit,"inv;'=cmd|' /C calc'!A0;",,,1.00,1.00,GBP`)
  })

  test('neutralises formulas after leading spaces, in any ;-part, and quotes tabs and line breaks', ({ assert }) => {
    const line = (reference: string) =>
      statementCsv([
        { bookedAt: 'x', transactionId: 1, kind: 'deposit', reference, description: null, debit: '', credit: '1.00', balance: '-2.50', currency: 'GBP' },
      ]).split('\r\n')[1]
    assert.equal(line('  =1+1'), "x,1,deposit,'  =1+1,,,1.00,-2.50,GBP")
    assert.equal(line('+cmd'), "x,1,deposit,'+cmd,,,1.00,-2.50,GBP")
    assert.equal(line('-2+3'), "x,1,deposit,'-2+3,,,1.00,-2.50,GBP")
    assert.equal(line('@SUM(A1)'), "x,1,deposit,'@SUM(A1),,,1.00,-2.50,GBP")
    assert.equal(line('a; @b;c'), `x,1,deposit,"a;' @b;c",,,1.00,-2.50,GBP`)
    assert.equal(line('\t=x'), `x,1,deposit,"'\t=x",,,1.00,-2.50,GBP`)
    assert.equal(line('a\tb'), `x,1,deposit,"a\tb",,,1.00,-2.50,GBP`)
    assert.equal(line('a\rb'), `x,1,deposit,"a\rb",,,1.00,-2.50,GBP`)
    assert.equal(line('\uFF1D1+1'), "x,1,deposit,'\uFF1D1+1,,,1.00,-2.50,GBP")
    assert.equal(line('invoice 42'), 'x,1,deposit,invoice 42,,,1.00,-2.50,GBP')
  })
})
