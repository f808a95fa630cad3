import { test } from '@japa/runner'
import { createHash, randomInt } from 'node:crypto'
import {
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_BITS,
  RECOVERY_CODE_COUNT,
  findRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from '#domain/staff/recovery_codes'
import { demoRecoveryCodes, demoStaff } from '#database/demo/demo_bank'

/** A code and its stored hash as they were issued before the v2 format */
function legacyCode() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const group = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('')
  const code = `${group()}-${group()}`
  return { code, stored: createHash('sha256').update(code.replace('-', '')).digest('hex') }
}

test.group('Staff recovery codes', () => {
  test('each code carries at least 112 bits (ASVS 2.6.2) in typeable groups of 5', ({ assert }) => {
    const codes = generateRecoveryCodes()
    assert.lengthOf(codes, RECOVERY_CODE_COUNT)
    assert.isAtLeast(RECOVERY_CODE_BITS, 112)
    for (const code of codes) {
      assert.match(code, /^[a-z2-9]{5}(-[a-z2-9]{5}){4}$/)
      const chars = normalizeRecoveryCode(code)
      assert.lengthOf(chars, 25)
      assert.isAtLeast(chars.length * Math.log2(new Set(RECOVERY_CODE_ALPHABET).size), 112)
      assert.notMatch(chars, /[01ilo]/)
    }
    assert.equal(new Set(codes).size, codes.length)
  })

  test('uses the whole alphabet (codes are random, not a fixed pattern)', ({ assert }) => {
    const seen = new Set(generateRecoveryCodes(40).join('').replaceAll('-', ''))
    assert.equal(seen.size, RECOVERY_CODE_ALPHABET.length)
  })

  test('stores a versioned hash and finds a typed code whatever its case, spaces and dashes', ({ assert }) => {
    const [code, other] = generateRecoveryCodes(2)
    const stored = [hashRecoveryCode(other), hashRecoveryCode(code)]
    assert.match(stored[1], /^v2\$[0-9a-f]{64}$/)
    assert.notInclude(stored[1], normalizeRecoveryCode(code))
    const typed = ` ${code.toUpperCase().replaceAll('-', ' ')} `
    assert.equal(findRecoveryCode(stored, typed), stored[1])
    assert.isNull(findRecoveryCode(stored, generateRecoveryCodes(1)[0]))
  })

  test('an old-format code never matches, neither its old stored hash nor any v2 hash', ({ assert }) => {
    const legacy = legacyCode()
    assert.isNull(findRecoveryCode([legacy.stored], legacy.code))
    assert.isNull(findRecoveryCode([legacy.stored, hashRecoveryCode(legacy.code)], legacy.code))
    assert.isNull(findRecoveryCode([legacy.stored], legacy.stored))
    assert.notEqual(hashRecoveryCode(legacy.code), legacy.stored)
  })

  test('demo staff get deterministic codes of the current format that verify', ({ assert }) => {
    const [admin] = demoStaff()
    assert.deepEqual(demoRecoveryCodes(admin.email), admin.recoveryCodes)
    assert.deepEqual(demoRecoveryCodes(admin.email.toUpperCase()), admin.recoveryCodes)
    const stored = admin.recoveryCodes.map(hashRecoveryCode)
    for (const code of admin.recoveryCodes) {
      assert.match(code, /^[a-z2-9]{5}(-[a-z2-9]{5}){4}$/)
      assert.isNotNull(findRecoveryCode(stored, code))
    }
  })
})
