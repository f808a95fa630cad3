import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { REPLICA_APPLICATION_NAME } from '#services/database/replica_location'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { type AppInstance, startAppInstance } from '#tests/helpers/app_instance'
import {
  ScratchClusters,
  type ScratchServer,
  migrateScratchDatabase,
  scratchDatabaseEnv,
  waitFor,
} from '#tests/helpers/scratch_cluster'

/**
 * Read replicas (app/services/database/read_replica.ts) against a real
 * streaming replica: a scratch primary (initdb) and a `pg_basebackup -R`
 * copy of it, both logging every statement with its application name and
 * role. An app instance on that primary with DATABASE_REPLICA_URL must run
 * the heavy reads on the replica (as the replicated runtime role) and every
 * write, and every read of a money transaction, on the primary.
 */

const DATABASE = 'strongroom_replica_scratch'
/** The runtime role the app provisions for that database (database_location.ts, case d) */
const RUNTIME_ROLE = `${DATABASE}_app`
/** A Lucid connection of this test process to the scratch primary, as its owner (fixtures) */
const SCRATCH = 'replica_test_scratch_primary'

/** SQL that only the heavy reads run: the log of the server that served them contains it */
const HEAVY_READS = {
  dashboard: `kind in ('deposit', 'withdrawal', 'transfer')`,
  portfolio: 'from loan_instalments i where i.loan_id = l.id',
  portfolioCsv: 'as disbursed_on',
  statement: 'rows between unbounded preceding and current row',
  auditTrail: 'from "audit_events"',
}

/** A server log as entries: a `%a|%u|%c|LEVEL:` line with the continuation lines of a multi-line statement */
const entries = (log: string) => log.split(/\n(?=[^|\n]*\|[^|\n]*\|[^|\n]*\|[A-Z]+: )/)
/** Entries of statements run by the app's runtime role through the replica connection */
const viaReplica = (log: string) => entries(log).filter((entry) => entry.startsWith(`${REPLICA_APPLICATION_NAME}|${RUNTIME_ROLE}|`))
/** Statements (simple or extended protocol) logged in `log` that contain `marker` */
const statementsWith = (log: string, marker: string) =>
  entries(log).filter((entry) => entry.includes(marker) && /^[^|]*\|[^|]*\|[^|]*\|LOG: {2}(statement|execute)/.test(entry))

/**
 * The statements of the runtime role's transaction (BEGIN … COMMIT, in
 * one session: %c) on a server that ran the statement containing `marker`
 */
function inTransaction(log: string, marker: string) {
  const own = entries(log).filter((entry) => entry.split('|')[1] === RUNTIME_ROLE)
  const at = own.findIndex((entry) => entry.includes(marker))
  if (at === -1) return []
  const session = own[at].split('|')[2]
  const mine = own.filter((entry) => entry.split('|')[2] === session)
  const index = mine.indexOf(own[at])
  const begin = mine.slice(0, index).findLastIndex((entry) => /LOG: {2}statement: BEGIN/.test(entry))
  const end = mine.findIndex((entry, i) => i > index && /LOG: {2}statement: COMMIT/.test(entry))
  return begin === -1 || end === -1 ? [] : mine.slice(begin, end + 1)
}

/**
 * A backoffice page as a browser's first visit gets it: the HTML with the
 * Inertia page object in its script tag. (An Inertia XHR visit would need
 * the instance's asset version, which differs from this process's.)
 */
async function page(agent: StaffAgent, url: string) {
  const response = await agent.get(url)
  response.assertStatus(200)
  const json = /<script data-page="app" type="application\/json">(.*?)<\/script>/s.exec(response.text())?.[1]
  if (!json) throw new Error(`${url}: no Inertia page in the response`)
  return JSON.parse(json).props as Record<string, any>
}

async function signedInAdmin(url: string, assert: any) {
  const staff = await StaffUserFactory.apply('admin').apply('withTotp').connection(SCRATCH).create()
  const agent = new StaffAgent(new ApiClient(url, assert))
  ;(await agent.signIn(staff.email, staff.$extras.totpSecret)).assertHeader('location', '/backoffice')
  return agent
}

test.group('Operations: heavy reads on a streaming replica', (group) => {
  let clusters: ScratchClusters
  let primary: ScratchServer
  let replica: ScratchServer
  let instance: AppInstance | undefined
  let account: { id: number; number: string }

  group.setup(async () => {
    clusters = await ScratchClusters.create()
    const cleanup = async () => {
      await instance?.stop()
      await db.manager.release(SCRATCH).catch(() => {})
      await clusters.cleanup()
    }
    try {
      primary = await clusters.primary()
      await migrateScratchDatabase(primary, DATABASE)
      replica = await clusters.replica(primary)
      db.manager.add(SCRATCH, {
        client: 'pg',
        connection: { host: '127.0.0.1', port: primary.port, user: 'postgres', database: DATABASE },
        pool: { min: 0, max: 2 },
      })
      const customer = await CustomerFactory.apply('verified').with('accounts', 1).connection(SCRATCH).create()
      account = { id: Number(customer.accounts[0].id), number: customer.accounts[0].number }
      instance = await startAppInstance({
        ...scratchDatabaseEnv(primary, DATABASE),
        /* No user or password: the runtime role's, replicated from the primary */
        DATABASE_REPLICA_URL: `postgres://127.0.0.1:${replica.port}`,
        SESSION_DRIVER: 'cookie',
      })
    } catch (error) {
      await cleanup()
      throw error
    }
    return cleanup
  })
  group.each.timeout(90_000)

  test('the statement, its CSV, the dashboard, the portfolio, its CSV and the audit trail are served by the replica', async ({ assert }) => {
    const agent = await signedInAdmin(instance!.url, assert)
    const [replicaFrom, primaryFrom] = [await replica.logSize(), await primary.logSize()]

    await page(agent, '/backoffice')
    await page(agent, '/backoffice/loans/portfolio')
    ;(await agent.get('/backoffice/loans/portfolio.csv')).assertStatus(200)
    await page(agent, '/backoffice/audit')
    await page(agent, `/backoffice/accounts/${account.id}`)
    const csv = await agent.get(`/backoffice/accounts/${account.id}/export`)
    csv.assertStatus(200)
    assert.include(csv.header('content-type'), 'text/csv')

    const onReplica = viaReplica(await replica.logSince(replicaFrom)).join('\n')
    const onPrimary = await primary.logSince(primaryFrom)
    for (const [page, marker] of Object.entries(HEAVY_READS)) {
      assert.include(onReplica, marker, `${page}: read on the replica as ${RUNTIME_ROLE}`)
      assert.lengthOf(statementsWith(onPrimary, marker), 0, `${page}: not read on the primary`)
    }

    /* The exports' audit rows are writes: on the primary, counting the rows read on the replica */
    const owner = await primary.connect(DATABASE)
    try {
      const { rows } = await owner.query(
        `select action, metadata->>'rows' as rows from audit_events
          where action in ('account.statement.exported', 'loans.portfolio.exported') order by id`
      )
      assert.deepEqual(
        rows.map((row) => row.action),
        ['loans.portfolio.exported', 'account.statement.exported']
      )
      assert.equal(rows[1].rows, String(csv.text().trim().split('\n').length - 1))
    } finally {
      await owner.end()
    }
  })

  test('a deposit runs its transaction on the primary only, and its posting reaches the replica', async ({ assert }) => {
    const agent = await signedInAdmin(instance!.url, assert)
    const reference = `replica-${randomUUID().slice(0, 8)}`
    const [replicaFrom, primaryFrom] = [await replica.logSize(), await primary.logSize()]

    const deposit = await agent.post('/backoffice/teller/deposit', {
      accountNumber: account.number,
      amount: '25.00',
      reference,
      idempotencyKey: randomUUID(),
    })
    deposit.assertHeader('location', '/backoffice/teller')

    const replicaDuring = await replica.logSince(replicaFrom)
    const primaryDuring = await primary.logSince(primaryFrom)
    assert.lengthOf(statementsWith(replicaDuring, ''), 0, 'the replica ran no statement during the deposit')
    const transaction = inTransaction(primaryDuring, 'ledger_post_cash(')
    assert.isAbove(transaction.length, 0, 'the posting ran in a transaction on the primary')
    const reads = transaction.filter((entry) => /LOG: {2}(statement|execute)[^:]*: select (?!ledger_post_cash)/i.test(entry))
    assert.isAbove(reads.length, 1, 'and so did the reads of that transaction (idempotency, limits)')

    /* Streaming replication replays it: the replica's copy has the posting, and so has the statement page read there */
    const standby = await replica.connect(DATABASE)
    try {
      await waitFor('the deposit replayed on the replica', async () => {
        const { rowCount } = await standby.query('select 1 from ledger_transactions where reference = $1', [reference])
        return rowCount === 1
      })
      const { rows } = await standby.query('select pg_is_in_recovery() as standby, balance::text from accounts where id = $1', [account.id])
      assert.isTrue(rows[0].standby)
      assert.isAtLeast(Number(rows[0].balance), 2500)
    } finally {
      await standby.end()
    }
    const pageFrom = await replica.logSize()
    const statement = await page(agent, `/backoffice/accounts/${account.id}`)
    assert.include(JSON.stringify(statement.entries), reference)
    assert.include(viaReplica(await replica.logSince(pageFrom)).join('\n'), HEAVY_READS.statement)
  })

  test('with the replica stopped, the heavy reads fall back to the primary (no 503)', async ({ assert }) => {
    /* Its own replica and web process: the others keep theirs */
    const spare = await clusters.replica(primary, 'spare_replica')
    const own = await startAppInstance({
      ...scratchDatabaseEnv(primary, DATABASE),
      DATABASE_REPLICA_URL: `postgres://127.0.0.1:${spare.port}`,
      SESSION_DRIVER: 'cookie',
      LOG_LEVEL: 'info',
    })
    try {
      const agent = await signedInAdmin(own.url, assert)
      let from = await spare.logSize()
      await page(agent, '/backoffice/loans/portfolio')
      assert.include(viaReplica(await spare.logSince(from)).join('\n'), HEAVY_READS.portfolio, 'served by the replica while it runs')

      await spare.stop('fast')
      from = await primary.logSize()
      assert.properties(await page(agent, '/backoffice/loans/portfolio'), ['totals', 'arrears', 'topOverdue'])
      const onPrimary = await primary.logSince(from)
      assert.isAbove(statementsWith(onPrimary, HEAVY_READS.portfolio).length, 0, 'read again on the primary')
      assert.lengthOf(viaReplica(onPrimary), 0)
      assert.include(own.output(), 'read replica unavailable')

      assert.property(await page(agent, `/backoffice/accounts/${account.id}`), 'entries')
    } finally {
      await own.stop()
    }
  })
})
