import router from '@adonisjs/core/services/router'

/** A named route's URL, or null when that route does not exist (yet) */
export function optionalUrl(
  route: string,
  params: Record<string, unknown> = {},
  qs?: Record<string, unknown>
): string | null {
  try {
    return router.urlBuilder.urlFor(route as any, params as any, qs ? ({ qs } as any) : undefined)
  } catch {
    return null
  }
}

export function customerUrl(route: string, params: Record<string, unknown> = {}): string {
  return router.urlBuilder.urlFor(route as any, params as any)
}

/** Every URL the backoffice customer pages post to or link to */
export function customerPageUrls(customerId: number) {
  const id = { id: customerId }
  return {
    index: customerUrl('backoffice.customers.index'),
    show: customerUrl('backoffice.customers.show', id),
    edit: customerUrl('backoffice.customers.edit', id),
    update: customerUrl('backoffice.customers.update', id),
    reveal: customerUrl('backoffice.customers.reveal', id),
    kyc: customerUrl('backoffice.customers.kyc', id),
    paymentLimits: customerUrl('backoffice.customers.payment_limits.update', id),
    uploadDocument: customerUrl('backoffice.customers.documents.store', id),
    openAccount: optionalUrl('backoffice.accounts.store'),
    newLoan: optionalUrl('backoffice.loans.create', id),
  }
}
