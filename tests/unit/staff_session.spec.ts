import { test } from '@japa/runner'
import { judgeStaffSession } from '#services/staff_session'

const limits = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 }
const t0 = Date.UTC(2026, 0, 1, 9)

test.group('Staff session verdict', () => {
  test('a recent session with the current version is ok', ({ assert }) => {
    assert.equal(judgeStaffSession({ signedInAt: t0, lastSeenAt: t0, version: 3 }, 3, t0 + 29 * 60_000, limits), 'ok')
  })

  test('idle for 30 minutes ends it', ({ assert }) => {
    assert.equal(judgeStaffSession({ signedInAt: t0, lastSeenAt: t0, version: 1 }, 1, t0 + 30 * 60_000, limits), 'idle')
  })

  test('12 hours after sign-in ends it even when active, before the idle check', ({ assert }) => {
    const now = t0 + 12 * 3_600_000
    assert.equal(judgeStaffSession({ signedInAt: t0, lastSeenAt: now - 1000, version: 1 }, 1, now, limits), 'absolute')
  })

  test('an older version is revoked; a missing stamp is refused', ({ assert }) => {
    assert.equal(judgeStaffSession({ signedInAt: t0, lastSeenAt: t0, version: 1 }, 2, t0, limits), 'revoked')
    assert.equal(judgeStaffSession(undefined, 1, t0, limits), 'missing')
  })
})
