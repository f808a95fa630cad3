import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { TEST_QUEUE, deadLetteredJob } from '#tests/helpers/queue_jobs'

/** Matrix cases for start/routes/backoffice/queue.ts (each retry gets its own dead-lettered job) */
export const queueRoutes: RouteCase[] = [
  {
    route: 'backoffice.queue.index',
    permission: 'queue.view',
    request: async () => ({ method: 'get', url: '/backoffice/queue' }),
  },
  {
    route: 'backoffice.queue.show',
    permission: 'queue.view',
    request: async () => ({ method: 'get', url: `/backoffice/queue/${TEST_QUEUE}?failedPage=1&deadPage=1&perPage=10` }),
  },
  {
    route: 'backoffice.queue.retry_failed',
    permission: 'queue.retry',
    request: async () => {
      const { id } = await deadLetteredJob(0)
      return { method: 'post', url: `/backoffice/queue/${TEST_QUEUE}/failed/${id}/retry`, form: {} }
    },
  },
  {
    route: 'backoffice.queue.retry_dead',
    permission: 'queue.retry',
    request: async () => {
      const { deadLetterId } = await deadLetteredJob(0)
      return { method: 'post', url: `/backoffice/queue/${TEST_QUEUE}/dead/${deadLetterId}/retry`, form: {} }
    },
  },
  {
    route: 'backoffice.queue.retry_all_dead',
    permission: 'queue.retry',
    request: async () => {
      await deadLetteredJob(0)
      return { method: 'post', url: `/backoffice/queue/${TEST_QUEUE}/dead/retry`, form: {} }
    },
  },
]
