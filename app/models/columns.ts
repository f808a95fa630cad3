import { column } from '@adonisjs/lucid/orm'

/**
 * Explicit mappings for PostgreSQL int8 columns, which the pg driver returns
 * as strings (ARCHITECTURE §3): money is always a bigint, never a number;
 * surrogate ids fit safely in a JS number.
 */
export const moneyColumn = (options: Parameters<typeof column>[0] = {}) =>
  column({
    ...options,
    consume: (value: string | bigint | null) =>
      value === null || value === undefined ? value : BigInt(value),
    prepare: (value: bigint | null) =>
      value === null || value === undefined ? value : value.toString(),
  })

export const idColumn = (options: Parameters<typeof column>[0] = {}) =>
  column({
    ...options,
    consume: (value: string | number | null) =>
      value === null || value === undefined ? value : Number(value),
  })
