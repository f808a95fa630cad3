import vine from '@vinejs/vine'

const page = () => vine.number().withoutDecimals().min(1).max(10_000).optional()

/** One queue's page: a page of its failed jobs and one of its dead letters, each newest first */
export const showQueueValidator = vine.create({
  failedPage: page(),
  deadPage: page(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})
