import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Backoffice customer records: a postal address (jsonb: line1, line2,
 * city, postcode, country; sensitive, masked in the backoffice) and the
 * sequence behind new customer numbers ('C' + 8 digits). The demo bank
 * numbers its customers C00000001..C00999999, so staff-created customers
 * start at C10000001 and never collide with it.
 */
export default class extends BaseSchema {
  protected tableName = 'customers'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.jsonb('address').nullable()
    })
    this.schema.raw(
      'create sequence if not exists customer_number_seq start with 10000001 minvalue 10000001 maxvalue 99999999 no cycle'
    )
  }

  async down() {
    this.schema.raw('drop sequence if exists customer_number_seq')
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('address')
    })
  }
}
