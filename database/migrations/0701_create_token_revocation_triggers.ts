import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'

/**
 * Revocation broadcast for the web processes' bearer-token cache
 * (app/services/auth/token_cache.ts): at commit, PostgreSQL notifies the
 * channel strongroom_token_revoked when a customer access token is deleted
 * or changed ('token:<id>'), when a customer row changes or is deleted
 * ('customer:<id>'), and when either table is truncated ('*'). Every web
 * process LISTENs and drops what was named. The functions live in
 * database/sql/auth/.
 */
const FUNCTIONS = ['auth/auth_token_revoked_notify', 'auth/auth_customer_changed_notify']

export default class extends BaseSchema {
  async up() {
    installSqlFunctions(this, FUNCTIONS)
    this.schema.raw(`
      create trigger customer_access_tokens_revoked
        after update or delete on customer_access_tokens
        for each row execute function auth_token_revoked_notify()`)
    this.schema.raw(`
      create trigger customer_access_tokens_truncated
        after truncate on customer_access_tokens
        for each statement execute function auth_token_revoked_notify()`)
    this.schema.raw(`
      create trigger customers_token_cache
        after update or delete on customers
        for each row execute function auth_customer_changed_notify()`)
    this.schema.raw(`
      create trigger customers_token_cache_truncated
        after truncate on customers
        for each statement execute function auth_customer_changed_notify()`)
  }

  async down() {
    this.schema.raw('drop trigger if exists customers_token_cache_truncated on customers')
    this.schema.raw('drop trigger if exists customers_token_cache on customers')
    this.schema.raw('drop trigger if exists customer_access_tokens_truncated on customer_access_tokens')
    this.schema.raw('drop trigger if exists customer_access_tokens_revoked on customer_access_tokens')
    dropSqlFunctions(this, FUNCTIONS)
  }
}
