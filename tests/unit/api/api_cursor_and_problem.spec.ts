import { test } from '@japa/runner'
import { encodeCursor, parseId } from '#domain/api/cursor'
import { decodeCursor } from '#validators/cursor'
import { problemType } from '#exceptions/problem_details'

test.group('API cursors', () => {
  test('round-trips an id through an opaque cursor of its own kind', ({ assert }) => {
    const cursor = encodeCursor('e', 1234)
    assert.notInclude(cursor, '1234')
    assert.equal(decodeCursor('e', cursor), 1234)
    assert.isNull(decodeCursor('e', undefined))
  })

  test('rejects a cursor of another list or a forged one as a validation error on `cursor`', ({ assert }) => {
    for (const forged of [encodeCursor('a', 5), Buffer.from('e:-1').toString('base64url'), 'zzz', Buffer.from('e:1 or 1=1').toString('base64url')]) {
      try {
        decodeCursor('e', forged)
        assert.fail(`accepted ${forged}`)
      } catch (error: any) {
        assert.equal(error.code, 'E_VALIDATION_ERROR')
        assert.equal(error.messages[0].field, 'cursor')
      }
    }
  })

  test('parses path ids as positive integers only', ({ assert }) => {
    assert.equal(parseId('42'), 42)
    for (const bad of ['0', '-1', '1e3', 'abc', '01', '12345678901234567', undefined]) {
      assert.isNull(parseId(bad), String(bad))
    }
  })
})

test.group('Problem types', () => {
  test('derives a stable URI from the error code', ({ assert }) => {
    assert.equal(problemType('E_INSUFFICIENT_FUNDS'), 'https://strongroom.dev/problems/insufficient-funds')
    assert.equal(problemType('E_SCA_REQUIRED'), 'https://strongroom.dev/problems/sca-required')
  })
})
