import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { QUEUE_NAMES, deadLetterOf } from '#config/queue'
import type { StaffRole } from '#models/staff_user'
import jobQueue from '#services/queue/job_queue'
import { refusalOn, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { TEST_QUEUE, deadLetteredJob, jobsTagged, waitingJobs } from '#tests/helpers/queue_jobs'

const SHOW = `/backoffice/queue/${TEST_QUEUE}`

async function admin(client: any) {
  return signedInStaff(client, 'admin')
}

async function summaryOf(agent: any) {
  const page = await agent.get('/backoffice/queue', { inertia: true })
  page.assertStatus(200)
  return page.inertiaProps.queues.find((q: any) => q.name === TEST_QUEUE)
}

async function auditRows(action: string, subjectId: string) {
  return db.from('audit_events').where('action', action).where('subject_id', subjectId).orderBy('id')
}

test.group('Backoffice job queue', (group) => {
  group.each.setup(() => resetLoginThrottle())
  /* pg-boss's own pool: closed before the suite's migrations drop its schema (a later test reopens it) */
  group.teardown(() => jobQueue.stop())

  test('shows an admin every queue with its waiting, deferred, failed and dead-letter counts', async ({ client, assert }) => {
    const { agent } = await admin(client)
    const before = await summaryOf(agent)

    await waitingJobs(3)
    await waitingJobs(1, { startAfter: 3600 })
    await deadLetteredJob(1)

    const page = await agent.get('/backoffice/queue', { inertia: true })
    page.assertInertiaComponent('backoffice/queue/index')
    assert.deepEqual(page.inertiaProps.queues.map((q: any) => q.name), QUEUE_NAMES)
    const after = page.inertiaProps.queues.find((q: any) => q.name === TEST_QUEUE)
    assert.equal(after.counts.ready, before.counts.ready + 3)
    assert.equal(after.counts.deferred, before.counts.deferred + 1)
    assert.equal(after.counts.queued, before.counts.queued + 4)
    assert.equal(after.counts.failed, before.counts.failed + 1)
    assert.equal(after.counts.dead, before.counts.dead + 1)
    assert.isAtLeast(after.oldestWaitingSeconds, 0)
    assert.containsSubset(after, {
      deadLetter: deadLetterOf(TEST_QUEUE),
      policy: { retryLimit: 8, retryDelay: 5, retryDelayMax: 900, expireInSeconds: 300 },
      url: SHOW,
    })
    assert.isArray(page.inertiaProps.schedules)
    assert.deepInclude(page.inertiaProps.configuredSchedules, { queue: 'maintenance.prune', cron: '17 3 * * *' })
    assert.deepInclude(page.inertiaProps.nav.items, { section: 'Administration', label: 'Job queue', href: '/backoffice/queue' })
  })

  test('a job that fails after its retries lands in the dead-letter queue with its last error', async ({ client, assert }) => {
    const { tag, id, deadLetterId } = await deadLetteredJob(2, 'SMTP down')
    const [job, dead] = await jobsTagged(tag)
    assert.containsSubset(job, { id, name: TEST_QUEUE, state: 'failed', retry_count: 2, retry_limit: 2 })
    assert.containsSubset(dead, {
      id: deadLetterId, name: deadLetterOf(TEST_QUEUE), state: 'created', source_id: id, source_name: TEST_QUEUE, source_retry_count: 2,
    })

    const { agent } = await admin(client)
    const page = await agent.get(SHOW, { inertia: true })
    page.assertInertiaComponent('backoffice/queue/show')
    const props = page.inertiaProps
    assert.containsSubset(props.failed[0], {
      id, state: 'failed', error: 'SMTP down (attempt 3)', retryCount: 2, retryLimit: 2, deadLetterId, retryable: true,
      retryUrl: `${SHOW}/failed/${id}/retry`,
    })
    assert.deepEqual(JSON.parse(props.failed[0].data), { event: 'test.queue_page', subjectId: tag })
    assert.containsSubset(props.dead[0], {
      id: deadLetterId, sourceId: id, error: 'SMTP down (attempt 3)', retryCount: 2, retryUrl: `${SHOW}/dead/${deadLetterId}/retry`,
    })
    assert.deepEqual(JSON.parse(props.dead[0].output), { message: 'SMTP down (attempt 3)' })
    assert.containsSubset(props, { can: { retry: true }, urls: { retryAllDead: `${SHOW}/dead/retry` } })
  })

  test('pages through failed jobs and dead letters newest first', async ({ client, assert }) => {
    const made = []
    for (let i = 0; i < 6; i++) made.push(await deadLetteredJob(0))
    const { agent } = await admin(client)

    const first = await agent.get(`${SHOW}?perPage=5`, { inertia: true })
    const newestFirst = made.map((m) => m.id).reverse()
    assert.deepEqual(first.inertiaProps.failed.map((j: any) => j.id), newestFirst.slice(0, 5))
    assert.deepEqual(first.inertiaProps.dead.map((d: any) => d.id), made.map((m) => m.deadLetterId).reverse().slice(0, 5))
    assert.deepEqual(first.inertiaProps.pages, { perPage: 5, failed: { page: 1, hasMore: true }, dead: { page: 1, hasMore: true } })

    const second = await agent.get(`${SHOW}?perPage=5&failedPage=2`, { inertia: true })
    assert.equal(second.inertiaProps.failed[0].id, newestFirst[5])
    assert.equal(second.inertiaProps.dead[0].id, made.at(-1)!.deadLetterId, 'the other list stays on its own page')

    const bad = await agent.get(`${SHOW}?failedPage=0`, { inertia: true })
    assert.notEqual(bad.status(), 200)
  })

  test('retrying a dead letter moves it back onto its queue, audited', async ({ client, assert }) => {
    const { tag, id, deadLetterId } = await deadLetteredJob(1)
    const { agent, staff } = await admin(client)

    const response = await agent.post(`${SHOW}/dead/${deadLetterId}/retry`, {})
    response.assertStatus(302)
    response.assertHeader('location', SHOW)
    const flash = await agent.flashAfter(response)
    assert.isNull(flash.error)

    const rows = await jobsTagged(tag)
    assert.notExists(rows.find((r) => r.id === deadLetterId), 'the dead letter is gone')
    assert.containsSubset(rows.find((r) => r.id === id), { state: 'failed' })
    const again = rows.filter((r) => r.name === TEST_QUEUE && r.id !== id)
    assert.lengthOf(again, 1)
    assert.containsSubset(again[0], { state: 'created', retry_count: 0, data: { event: 'test.queue_page', subjectId: tag } })

    const [audit] = await auditRows('queue.dead_letter.retried', deadLetterId)
    assert.containsSubset(audit, { actor_type: 'staff', actor_id: String(staff.id), subject_type: 'queue_job' })
    assert.containsSubset(audit.before, { sourceId: id, retryCount: 1 })

    const page = await agent.get(SHOW, { inertia: true })
    const failed = page.inertiaProps.failed.find((j: any) => j.id === id)
    assert.isFalse(failed.retryable, 'the original cannot also be retried')

    const twice = await agent.post(`${SHOW}/dead/${deadLetterId}/retry`, {})
    twice.assertStatus(302)
    assert.match((await refusalOn(agent, SHOW)).flash.error ?? '', /not waiting to be retried/)
    assert.lengthOf(await jobsTagged(tag), rows.length, 'nothing queued twice')
    assert.lengthOf(await auditRows('queue.dead_letter.retried', deadLetterId), 1)
  })

  test('retrying a failed job runs it again and removes its dead letter, audited', async ({ client, assert }) => {
    const { tag, id, deadLetterId } = await deadLetteredJob(1)
    const { agent, staff } = await admin(client)

    const response = await agent.post(`${SHOW}/failed/${id}/retry`, {})
    response.assertStatus(302)
    assert.isNull((await agent.flashAfter(response)).error)

    const rows = await jobsTagged(tag)
    assert.lengthOf(rows, 1, 'the dead letter is deleted')
    assert.containsSubset(rows[0], { id, state: 'retry', retry_limit: 2 })

    const [audit] = await auditRows('queue.job.retried', id)
    assert.containsSubset(audit, { actor_type: 'staff', actor_id: String(staff.id), subject_type: 'queue_job' })
    assert.deepEqual(audit.before.deadLetterIds, [deadLetterId])

    const twice = await agent.post(`${SHOW}/failed/${id}/retry`, {})
    twice.assertStatus(302)
    assert.match((await refusalOn(agent, SHOW)).flash.error ?? '', /not waiting to be retried/)
    const deadToo = await agent.post(`${SHOW}/dead/${deadLetterId}/retry`, {})
    deadToo.assertStatus(302)
    assert.match((await refusalOn(agent, SHOW)).flash.error ?? '', /not waiting to be retried/)
    assert.deepEqual(await jobsTagged(tag), rows, 'nothing changed')
  })

  test('retry all moves every dead letter of the queue back, with one audit row', async ({ client, assert }) => {
    const jobs = [await deadLetteredJob(0), await deadLetteredJob(0)]
    const { agent } = await admin(client)

    const response = await agent.post(`${SHOW}/dead/retry`, {})
    response.assertStatus(302)
    assert.match((await agent.flashAfter(response)).success ?? '', /dead letter\(s\) moved back onto risk\.score/)
    for (const { tag, id } of jobs) {
      const rows = await jobsTagged(tag)
      assert.notExists(rows.find((r) => r.name === deadLetterOf(TEST_QUEUE)))
      assert.lengthOf(rows.filter((r) => r.name === TEST_QUEUE && r.id !== id && r.state === 'created'), 1)
    }
    assert.equal((await summaryOf(agent)).counts.dead, 0)
    const [audit] = await auditRows('queue.dead_letters.retried', TEST_QUEUE).then((rows) => rows.slice(-1))
    assert.isAtLeast(audit.after.moved, 2)
  })

  test('an unknown queue or job id is a 404', async ({ client }) => {
    const { agent } = await admin(client)
    ;(await agent.get('/backoffice/queue/no.such.queue', { inertia: true })).assertStatus(404)
    ;(await agent.post(`${SHOW}/dead/not-a-uuid/retry`, {})).assertStatus(404)
  })

  for (const role of ['teller', 'compliance', 'auditor', 'loan_officer'] as StaffRole[]) {
    test(`refuses a ${role}: no page, no retry, nothing moved`, async ({ client, assert }) => {
      const { tag, id, deadLetterId } = await deadLetteredJob(0)
      const before = await jobsTagged(tag)
      const { agent } = await signedInStaff(client, role)
      ;(await agent.get('/backoffice/queue', { inertia: true })).assertStatus(403)
      ;(await agent.get(SHOW, { inertia: true })).assertStatus(403)
      ;(await agent.post(`${SHOW}/failed/${id}/retry`, {})).assertStatus(403)
      ;(await agent.post(`${SHOW}/dead/${deadLetterId}/retry`, {})).assertStatus(403)
      ;(await agent.post(`${SHOW}/dead/retry`, {})).assertStatus(403)
      assert.deepEqual(await jobsTagged(tag), before)
      const home = await agent.get('/backoffice', { inertia: true })
      assert.notExists(home.inertiaProps.nav.items.find((n: any) => n.label === 'Job queue'))
    })
  }
})
