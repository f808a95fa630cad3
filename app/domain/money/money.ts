import { currencyExponent } from '#domain/money/currencies'

export class InvalidMoneyError extends Error {
  code = 'E_INVALID_MONEY'
}

export class CurrencyMismatchError extends Error {
  code = 'E_CURRENCY_MISMATCH'
  constructor(a: string, b: string) {
    super(`Currency mismatch: ${a} and ${b}`)
  }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/**
 * An amount of money: integer minor units (bigint) in an ISO 4217
 * currency. Immutable. Never converted through a JS number.
 */
export class Money {
  private constructor(
    readonly minor: bigint,
    readonly currency: string
  ) {}

  static of(minor: bigint, currency: string): Money {
    if (typeof minor !== 'bigint') {
      throw new InvalidMoneyError('Money minor units must be a bigint')
    }
    currencyExponent(currency)
    return new Money(minor, currency)
  }

  /** From integer minor units as a string ('1234'), as read from PostgreSQL */
  static fromMinorString(minor: string, currency: string): Money {
    if (!/^-?\d+$/.test(minor)) {
      throw new InvalidMoneyError(`Not an integer amount of minor units: "${minor}"`)
    }
    return Money.of(BigInt(minor), currency)
  }

  static zero(currency: string): Money {
    return Money.of(0n, currency)
  }

  /**
   * Strict decimal parsing: '12.34' GBP is 1234. Rejects empty strings,
   * signs other than a leading '-', exponents, separators, and more decimals
   * than the currency has.
   */
  static fromDecimal(value: string, currency: string): Money {
    const exponent = currencyExponent(currency)
    const match = typeof value === 'string' ? DECIMAL.exec(value) : null
    if (!match) {
      throw new InvalidMoneyError(`Not a decimal amount: "${value}"`)
    }
    const [, sign, whole, fraction = ''] = match
    if (fraction.length > exponent) {
      throw new InvalidMoneyError(
        `${currency} has ${exponent} decimal place(s); got "${value}"`
      )
    }
    const minor = BigInt(whole + fraction.padEnd(exponent, '0'))
    return new Money(sign ? -minor : minor, currency)
  }

  toDecimalString(): string {
    const exponent = currencyExponent(this.currency)
    const negative = this.minor < 0n
    const digits = (negative ? -this.minor : this.minor).toString()
    if (exponent === 0) {
      return (negative ? '-' : '') + digits
    }
    const padded = digits.padStart(exponent + 1, '0')
    const whole = padded.slice(0, padded.length - exponent)
    const fraction = padded.slice(padded.length - exponent)
    return `${negative ? '-' : ''}${whole}.${fraction}`
  }

  toMinorString(): string {
    return this.minor.toString()
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toDecimalString(), currency: this.currency }
  }

  add(other: Money): Money {
    this.assertSameCurrency(other)
    return new Money(this.minor + other.minor, this.currency)
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other)
    return new Money(this.minor - other.minor, this.currency)
  }

  negate(): Money {
    return new Money(-this.minor, this.currency)
  }

  /** -1, 0 or 1 */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other)
    return this.minor < other.minor ? -1 : this.minor > other.minor ? 1 : 0
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor
  }

  isZero(): boolean {
    return this.minor === 0n
  }

  isPositive(): boolean {
    return this.minor > 0n
  }

  isNegative(): boolean {
    return this.minor < 0n
  }

  private assertSameCurrency(other: Money) {
    if (this.currency !== other.currency) {
      throw new CurrencyMismatchError(this.currency, other.currency)
    }
  }
}
