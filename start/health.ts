/*
|--------------------------------------------------------------------------
| Readiness checks (@adonisjs/core/health), served by /health/ready
|--------------------------------------------------------------------------
*/

import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { HealthChecks } from '@adonisjs/core/health'

export const readinessChecks = new HealthChecks().register([new DbCheck(db.connection())])
