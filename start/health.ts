/*
|--------------------------------------------------------------------------
| Readiness checks (@adonisjs/core/health), served by /health/ready
|--------------------------------------------------------------------------
*/

import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { BaseCheck, HealthChecks, Result } from '@adonisjs/core/health'
import { isDraining } from '#services/http/graceful_shutdown'

/**
 * Fails once the process has received SIGTERM (bin/server.ts): a load
 * balancer or Kubernetes stops sending new requests while the in-flight
 * ones finish.
 */
class NotDrainingCheck extends BaseCheck {
  name = 'Not shutting down'

  async run() {
    return isDraining() ? Result.failed('The process is shutting down') : Result.ok('Accepting requests')
  }
}

export const readinessChecks = new HealthChecks().register([new NotDrainingCheck(), new DbCheck(db.connection())])
