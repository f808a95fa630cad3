import { test } from '@japa/runner'
import { NOTIFICATION_EVENT_NAMES } from '#domain/notifications/events'
import { channelsFor, effectiveChanges, preferenceMatrix, refusedChanges } from '#domain/notifications/preferences'

test.group('Notifications: preferences', () => {
  test('without choices each event follows its defaults', ({ assert }) => {
    assert.deepEqual(channelsFor('money_received', []), { in_app: true, mail: false })
    assert.deepEqual(channelsFor('account_frozen', []), { in_app: true, mail: true })
  })

  test('a stored choice overrides the default of its event and channel only', ({ assert }) => {
    const choices = [
      { event: 'money_received', channel: 'mail' as const, enabled: true },
      { event: 'money_sent', channel: 'in_app' as const, enabled: false },
    ]
    assert.deepEqual(channelsFor('money_received', choices), { in_app: true, mail: true })
    assert.deepEqual(channelsFor('money_sent', choices), { in_app: false, mail: false })
  })

  test('security notices are on for both channels whatever is stored', ({ assert }) => {
    const choices = [
      { event: 'new_device_sign_in', channel: 'mail' as const, enabled: false },
      { event: 'new_device_sign_in', channel: 'in_app' as const, enabled: false },
    ]
    assert.deepEqual(channelsFor('new_device_sign_in', choices), { in_app: true, mail: true })
  })

  test('the matrix lists every event × channel with whether it can be changed', ({ assert }) => {
    const matrix = preferenceMatrix([])
    assert.lengthOf(matrix, NOTIFICATION_EVENT_NAMES.length * 2)
    const device = matrix.filter((row) => row.event === 'new_device_sign_in')
    assert.deepEqual(device.map((row) => [row.channel, row.enabled, row.changeable]), [['in_app', true, false], ['mail', true, false]])
    const received = matrix.find((row) => row.event === 'money_received' && row.channel === 'mail')!
    assert.deepInclude(received, { enabled: false, changeable: true, security: false, label: 'Money received' })
  })

  test('turning a security notice off is refused, naming the position; turning it on is not', ({ assert }) => {
    assert.deepEqual(
      refusedChanges([
        { event: 'money_sent', channel: 'mail', enabled: true },
        { event: 'password_changed', channel: 'mail', enabled: false },
        { event: 'two_factor_changed', channel: 'in_app', enabled: true },
      ]),
      [1]
    )
  })

  test('only real changes of changeable pairs are kept', ({ assert }) => {
    const current = preferenceMatrix([])
    assert.deepEqual(
      effectiveChanges(current, [
        { event: 'money_received', channel: 'in_app', enabled: true },
        { event: 'money_received', channel: 'mail', enabled: true },
        { event: 'password_changed', channel: 'mail', enabled: true },
      ]),
      [{ event: 'money_received', channel: 'mail', enabled: true }]
    )
  })
})
