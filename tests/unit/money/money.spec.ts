import { test } from '@japa/runner'
import { Money, InvalidMoneyError, CurrencyMismatchError } from '#domain/money/money'
import { currencyExponent, UnknownCurrencyError } from '#domain/money/currencies'

test.group('Money parsing and formatting', () => {
  test('uses ISO 4217 exponents', ({ assert }) => {
    assert.equal(currencyExponent('GBP'), 2)
    assert.equal(currencyExponent('JPY'), 0)
    assert.equal(currencyExponent('KWD'), 3)
    assert.equal(currencyExponent('BHD'), 3)
    assert.throws(() => currencyExponent('XXX'), UnknownCurrencyError)
  })

  test('parses decimals into minor units', ({ assert }) => {
    assert.equal(Money.fromDecimal('12.34', 'GBP').minor, 1234n)
    assert.equal(Money.fromDecimal('12.3', 'GBP').minor, 1230n)
    assert.equal(Money.fromDecimal('12', 'GBP').minor, 1200n)
    assert.equal(Money.fromDecimal('-0.05', 'EUR').minor, -5n)
    assert.equal(Money.fromDecimal('1200', 'JPY').minor, 1200n)
    assert.equal(Money.fromDecimal('1.234', 'KWD').minor, 1234n)
    assert.equal(Money.fromDecimal('92233720368547758.07', 'USD').minor, 9223372036854775807n)
  })

  for (const [value, currency] of [
    ['12.345', 'GBP'],
    ['1.5', 'JPY'],
    ['1.2345', 'KWD'],
    ['', 'GBP'],
    ['abc', 'GBP'],
    ['1e3', 'GBP'],
    ['+1.00', 'GBP'],
    ['1,000.00', 'GBP'],
    [' 1.00', 'GBP'],
    ['1.', 'GBP'],
    ['.5', 'GBP'],
    ['0x10', 'GBP'],
  ]) {
    test(`rejects "${value}" ${currency}`, ({ assert }) => {
      assert.throws(() => Money.fromDecimal(value, currency), InvalidMoneyError)
    })
  }

  test('rejects unknown currencies', ({ assert }) => {
    assert.throws(() => Money.fromDecimal('1.00', 'ABC'), UnknownCurrencyError)
    assert.throws(() => Money.of(1n, 'gbp'), UnknownCurrencyError)
  })

  test('formats minor units as a decimal string', ({ assert }) => {
    assert.equal(Money.of(1234n, 'GBP').toDecimalString(), '12.34')
    assert.equal(Money.of(-5n, 'GBP').toDecimalString(), '-0.05')
    assert.equal(Money.of(0n, 'GBP').toDecimalString(), '0.00')
    assert.equal(Money.of(1200n, 'JPY').toDecimalString(), '1200')
    assert.equal(Money.of(-1200n, 'JPY').toDecimalString(), '-1200')
    assert.equal(Money.of(1234n, 'KWD').toDecimalString(), '1.234')
    assert.equal(Money.of(7n, 'BHD').toDecimalString(), '0.007')
    assert.deepEqual(Money.of(1234n, 'GBP').toJSON(), { amount: '12.34', currency: 'GBP' })
  })

  test('round-trips through the decimal string', ({ assert }) => {
    for (const value of ['0.01', '-999999999999.99', '100.00']) {
      assert.equal(Money.fromDecimal(value, 'GBP').toDecimalString(), value)
    }
  })

  test('refuses a JS number as minor units', ({ assert }) => {
    assert.throws(() => Money.of(12 as any, 'GBP'), InvalidMoneyError)
    assert.throws(() => Money.fromMinorString('1.5', 'GBP'), InvalidMoneyError)
  })
})

test.group('Money arithmetic', () => {
  const gbp = (v: string) => Money.fromDecimal(v, 'GBP')

  test('adds, subtracts and negates exactly', ({ assert }) => {
    assert.equal(gbp('0.10').add(gbp('0.20')).toDecimalString(), '0.30')
    assert.equal(gbp('1.00').subtract(gbp('1.01')).toDecimalString(), '-0.01')
    assert.equal(gbp('5.00').negate().toDecimalString(), '-5.00')
    assert.equal(Money.of(9007199254740993n, 'GBP').add(Money.of(1n, 'GBP')).minor, 9007199254740994n)
  })

  test('compares and tests sign', ({ assert }) => {
    assert.equal(gbp('1.00').compare(gbp('2.00')), -1)
    assert.equal(gbp('2.00').compare(gbp('2.00')), 0)
    assert.equal(gbp('3.00').compare(gbp('2.00')), 1)
    assert.isTrue(gbp('0.00').isZero())
    assert.isTrue(gbp('0.01').isPositive())
    assert.isFalse(gbp('-0.01').isPositive())
    assert.isTrue(gbp('-0.01').isNegative())
    assert.isTrue(gbp('1.00').equals(gbp('1.0')))
    assert.isFalse(gbp('1.00').equals(Money.fromDecimal('1.00', 'EUR')))
  })

  test('refuses to mix currencies', ({ assert }) => {
    const eur = Money.fromDecimal('1.00', 'EUR')
    assert.throws(() => gbp('1.00').add(eur), CurrencyMismatchError)
    assert.throws(() => gbp('1.00').subtract(eur), CurrencyMismatchError)
    assert.throws(() => gbp('1.00').compare(eur), CurrencyMismatchError)
  })
})
