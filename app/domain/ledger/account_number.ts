import { randomInt } from 'node:crypto'

/** Luhn (mod 10) check digit of a string of digits */
export function luhnCheckDigit(digits: string): string {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** 'SR' + 9 random digits + a Luhn check digit (10 digits) */
export function generateAccountNumber(): string {
  const body = String(randomInt(0, 1_000_000_000)).padStart(9, '0')
  return `SR${body}${luhnCheckDigit(body)}`
}

export function isValidAccountNumber(value: string): boolean {
  const match = /^SR(\d{9})(\d)$/.exec(value)
  return match !== null && luhnCheckDigit(match[1]) === match[2]
}
