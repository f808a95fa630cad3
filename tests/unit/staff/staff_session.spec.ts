import { test } from '@japa/runner'
import { judgeStaffSession } from '#services/auth/staff_session'

const limits = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 }
const t0 = Date.UTC(2026, 0, 1, 9)
const open = (fields: { createdAt?: number; lastSeenAt?: number; version?: number } = {}) => ({
  createdAt: fields.createdAt ?? t0,
  lastSeenAt: fields.lastSeenAt ?? t0,
  endedAt: null,
  version: fields.version ?? 1,
})

test.group('Staff session verdict (server-side record)', () => {
  test('a recent open session with the current version is ok', ({ assert }) => {
    assert.equal(judgeStaffSession(open({ version: 3 }), 3, t0 + 29 * 60_000, limits), 'ok')
  })

  test('idle for 30 minutes ends it', ({ assert }) => {
    assert.equal(judgeStaffSession(open(), 1, t0 + 30 * 60_000, limits), 'idle')
    assert.equal(judgeStaffSession(open(), 1, t0 + 30 * 60_000 - 1, limits), 'ok', 'one millisecond before: still ok')
  })

  test('12 hours after sign-in ends it even when active, before the idle check', ({ assert }) => {
    const now = t0 + 12 * 3_600_000
    assert.equal(judgeStaffSession(open({ lastSeenAt: now - 1000 }), 1, now, limits), 'absolute')
  })

  test('an ended session (logged out) is refused whatever its times and version', ({ assert }) => {
    const ended = { ...open(), endedAt: t0 + 1000 }
    assert.equal(judgeStaffSession(ended, 1, t0 + 2000, limits), 'ended')
    assert.equal(judgeStaffSession(ended, 2, t0 + 13 * 3_600_000, limits), 'ended', 'ended wins over revoked and absolute')
  })

  test('an older version is revoked; no record is refused', ({ assert }) => {
    assert.equal(judgeStaffSession(open(), 2, t0, limits), 'revoked')
    assert.equal(judgeStaffSession(undefined, 1, t0, limits), 'missing')
    assert.equal(judgeStaffSession(null, 1, t0, limits), 'missing')
  })
})
