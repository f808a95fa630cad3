/**
 * ISO 4217 minor-unit exponents (number of decimal places) of the
 * currencies Strongroom accepts. Source: ISO 4217 list one (SIX).
 */
const EXPONENTS: Record<string, number> = {
  AED: 2, AUD: 2, BGN: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, CZK: 2,
  DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, IQD: 3, ISK: 0,
  JOD: 3, JPY: 0, KRW: 0, KWD: 3, LYD: 3, MXN: 2, NOK: 2, NZD: 2, OMR: 3, PLN: 2,
  RON: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2, TND: 3, TRY: 2, TWD: 2, UGX: 0, USD: 2,
  VND: 0, XAF: 0, XOF: 0, ZAR: 2,
}

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code)
}

/** Minor-unit exponent of an ISO 4217 code; throws on an unknown code */
export function currencyExponent(code: string): number {
  if (!isSupportedCurrency(code)) {
    throw new UnknownCurrencyError(code)
  }
  return EXPONENTS[code]
}

export function supportedCurrencies(): string[] {
  return Object.keys(EXPONENTS)
}

export class UnknownCurrencyError extends Error {
  code = 'E_UNKNOWN_CURRENCY'
  constructor(currency: string) {
    super(`Unknown or unsupported currency "${currency}"`)
  }
}
