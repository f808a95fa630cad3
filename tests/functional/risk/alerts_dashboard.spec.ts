import { test } from '@japa/runner'
import { resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { alertFor } from '#tests/helpers/risk_alerts'

test.group('Dashboard: open alerts', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('compliance sees open alerts by severity and the 14-day trend, which count a new alert', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'compliance')
    const before = (await agent.get('/backoffice', { inertia: true })).inertiaProps.alerts
    await alertFor({ severity: 'critical' })
    const page = await agent.get('/backoffice', { inertia: true })
    page.assertStatus(200)
    const alerts = page.inertiaProps.alerts
    assert.equal(alerts.open.critical, before.open.critical + 1)
    assert.equal(alerts.open.high, before.open.high)
    assert.lengthOf(alerts.trend, 14)
    assert.equal(alerts.trend.at(-1).value, before.trend.at(-1).value + 1)
    assert.equal(alerts.url, '/backoffice/risk/alerts')
  })

  test('a teller, who may not see the queue, gets no alert figures', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'teller')
    const page = await agent.get('/backoffice', { inertia: true })
    page.assertStatus(200)
    assert.isNull(page.inertiaProps.alerts)
  })
})
