import { randomUUID } from 'node:crypto'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { createLoanProduct } from '#tests/helpers/loans'
import { newProductForm, productTermsForm, retiredLoanProduct } from '#tests/helpers/loan_products'

/**
 * Matrix cases for start/routes/backoffice/loan_products.ts (loans.view,
 * loans.products). Each builds a fresh product; the allowed POSTs only
 * file four-eyes requests ('loans.product_change'), nothing is published.
 */
export const loanProductsRoutes: RouteCase[] = [
  {
    route: 'backoffice.loan_products.index',
    permission: 'loans.view',
    request: async () => {
      await createLoanProduct()
      return { method: 'get', url: '/backoffice/loan-products?status=active&page=1' }
    },
  },
  {
    route: 'backoffice.loan_products.show',
    permission: 'loans.view',
    request: async () => {
      const { product } = await createLoanProduct()
      return { method: 'get', url: `/backoffice/loan-products/${product.id}` }
    },
  },
  {
    route: 'backoffice.loan_products.create',
    permission: 'loans.products',
    request: async () => ({ method: 'get', url: '/backoffice/loan-products/create' }),
  },
  {
    route: 'backoffice.loan_products.store',
    permission: 'loans.products',
    request: async () => ({ method: 'post', url: '/backoffice/loan-products', form: newProductForm() }),
  },
  {
    route: 'backoffice.loan_products.edit',
    permission: 'loans.products',
    request: async () => {
      const { product } = await createLoanProduct()
      return { method: 'get', url: `/backoffice/loan-products/${product.id}/edit` }
    },
  },
  {
    route: 'backoffice.loan_products.update',
    permission: 'loans.products',
    request: async () => {
      const { product } = await createLoanProduct()
      return {
        method: 'post',
        url: `/backoffice/loan-products/${product.id}`,
        form: productTermsForm({ base_version: 1, annual_rate: '10.5' }),
      }
    },
  },
  {
    route: 'backoffice.loan_products.retire',
    permission: 'loans.products',
    request: async () => {
      const { product } = await createLoanProduct()
      return {
        method: 'post',
        url: `/backoffice/loan-products/${product.id}/retire`,
        form: { reason: 'Replaced by a new product', idempotency_key: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.loan_products.reactivate',
    permission: 'loans.products',
    request: async () => {
      const { product } = await retiredLoanProduct()
      return {
        method: 'post',
        url: `/backoffice/loan-products/${product.id}/reactivate`,
        form: { reason: 'Offered again', idempotency_key: randomUUID() },
      }
    },
  },
]
