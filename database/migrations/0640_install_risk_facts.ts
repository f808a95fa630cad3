import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * risk_facts() (database/sql/risk/risk_facts.sql): the history the risk
 * rules read, in one call with bounded reads, for the payment path
 * (RiskFactsQuery). Read-only.
 */
const FUNCTIONS = ['risk/risk_facts']

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
  }

  async down() {
    dropSqlFunctions(this, FUNCTIONS)
  }
}
