import db from '@adonisjs/lucid/services/db'
import LoanProduct from '#models/loan_product'
import LoanProductVersion from '#models/loan_product_version'
import { DEMO_LOAN_PRODUCTS } from '#database/demo/demo_loan_products'

/**
 * The demo bank's loan products (#database/demo/demo_loan_products):
 * each missing code is created with its version 1, written by the system
 * (requested_by / approved_by null), and made current. Products already
 * there are left alone (a product changes only through four-eyes).
 * Returns how many products it created.
 */
export default class SeedDemoLoanProducts {
  async handle(): Promise<number> {
    let created = 0
    for (const { code, terms } of DEMO_LOAN_PRODUCTS) {
      await db.transaction(async (trx) => {
        const inserted = await trx.rawQuery(
          `insert into loan_products (code, status) values (?, 'active') on conflict (code) do nothing returning id`,
          [code]
        )
        if (inserted.rows.length === 0) return
        const product = await LoanProduct.findOrFail(Number(inserted.rows[0].id), { client: trx })
        const version = await LoanProductVersion.create({ productId: product.id, version: 1, ...terms }, { client: trx })
        product.useTransaction(trx)
        product.currentVersionId = version.id
        await product.save()
        created++
      })
    }
    return created
  }
}
