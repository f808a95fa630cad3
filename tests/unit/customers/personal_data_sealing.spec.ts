import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { open, openJson, seal, sealJson } from '#services/keys/sealing'
import { nameWords, normalise } from '#services/keys/blind_index'
import { personalDataAad, openPersonalFields } from '#services/keys/customer_personal_data'
import { isSealedAuditValue } from '#services/audit/audit_sealed_values'
import { maskNationalId } from '#domain/customers/customer_record'

/** Sealing (AES-256-GCM with associated data), blind-index normalisation and masking: no database */
test.group('Personal data: sealing', () => {
  test('a sealed value opens with its key and associated data only', ({ assert }) => {
    const key = randomBytes(32)
    const sealed = seal(key, 'Ada Lovelace', 'customers:1:personal_data')
    assert.notInclude(sealed.toString('latin1'), 'Ada')
    assert.equal(open(key, sealed, 'customers:1:personal_data').toString(), 'Ada Lovelace')
    assert.throws(() => open(key, sealed, 'customers:2:personal_data'))
    assert.throws(() => open(randomBytes(32), sealed, 'customers:1:personal_data'))
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1] ^= 1
    assert.throws(() => open(key, tampered, 'customers:1:personal_data'))
    assert.throws(() => open(key, Buffer.from('plain text, not sealed at all'), 'customers:1:personal_data'), /Not a sealed value/)
  })

  test('the same value seals differently each time (fresh IV)', ({ assert }) => {
    const key = randomBytes(32)
    assert.notDeepEqual(seal(key, 'x', 'a'), seal(key, 'x', 'a'))
    assert.deepEqual(openJson(key, sealJson(key, { n: [1, 'two'] }, 'a'), 'a'), { n: [1, 'two'] })
  })

  test("a customer's personal fields are bound to that customer's row", ({ assert }) => {
    const key = randomBytes(32)
    const fields = { fullName: 'Grace Hopper', email: 'g@example.test', phone: null, dateOfBirth: '1906-12-09', address: null, nationalId: null, kycDocuments: [] }
    const sealed = sealJson(key, fields, personalDataAad(7))
    assert.deepEqual(openPersonalFields(7, key, sealed), fields)
    assert.throws(() => openPersonalFields(8, key, sealed))
  })
})

test.group('Personal data: blind index normalisation', () => {
  test('emails compare case-insensitively, national ids without spaces and dashes', ({ assert }) => {
    assert.equal(normalise('email', '  Ada@Example.TEST '), 'ada@example.test')
    assert.equal(normalise('national_id', 'qq-12 34 56 c'), 'QQ123456C')
  })

  test('names split into lowercase words without accents', ({ assert }) => {
    assert.deepEqual(nameWords("  Zoë  O'Brien-Núñez "), ['zoe', 'o', 'brien', 'nunez'])
    assert.deepEqual(nameWords('%_'), [])
  })
})

test.group('Personal data: audit values and masking', () => {
  test('recognises only the sealed audit value shape', ({ assert }) => {
    assert.isTrue(isSealedAuditValue({ sealed: 'AAAA', for: 'customer:42' }))
    assert.isFalse(isSealedAuditValue({ sealed: 'AAAA', for: 'staff:42' }))
    assert.isFalse(isSealedAuditValue({ sealed: 'AAAA', for: 'customer:42', extra: 1 }))
    assert.isFalse(isSealedAuditValue('customer:42'))
    assert.isFalse(isSealedAuditValue(null))
  })

  test('masks a national id to its last two characters', ({ assert }) => {
    assert.equal(maskNationalId('QQ 12 34 56 C'), '•••••••6C')
    assert.equal(maskNationalId('AB1'), '••••B1')
    assert.isNull(maskNationalId(null))
  })
})
