import vine from '@vinejs/vine'

/** The longest windows of the portfolio's flow charts */
export const MAX_FLOW_MONTHS = 36
export const MAX_FLOW_DAYS = 92

/** GET /backoffice/loans/portfolio: the flow charts by month (last `periods` months, default 12) or by day (default 30) */
export const portfolioQueryValidator = vine.create({
  granularity: vine.enum(['month', 'day'] as const).optional(),
  periods: vine.number().withoutDecimals().min(1).max(MAX_FLOW_DAYS).optional(),
})
