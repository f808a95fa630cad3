import type { Data } from '@generated/data'
import type { SerializeJSONTypes } from '@adonisjs/core/types/transformers'
import type { ToComponentProps } from '@adonisjs/inertia/types'

/**
 * Page props are typed from the server, never re-declared in pages:
 *
 * - `Data.*` is generated from the transformers (.adonisjs/client/data.d.ts,
 *   `indexEntities({ transformers })` in adonisrc.ts): a field renamed in a
 *   transformer is a type error in every page that reads it.
 * - `InertiaProps` adds what the Inertia middleware shares with every page
 *   (`Data.SharedProps`, inferred from its `share()`).
 * - Other server values (query rows, props builders such as
 *   `customerPageProps`, URL helpers, validator output) are imported as
 *   types from their server module (`Serialized`, `PropsOf`).
 * - What a page still declares itself (its `urls`, `can` flags, echoed
 *   filters) is its contract with the controller: every `inertia.render()`
 *   is checked against the page's props (.adonisjs/server/pages.d.ts,
 *   `indexPages`). That check runs in `tsc -p inertia/tsconfig.json`, which
 *   compiles the controllers too; the server's own `tsc` cannot see pages.
 */
export type { Data }

export type SharedProps = Data.SharedProps

/**
 * The backoffice never sends an `X-Inertia-Error-Bag`, so validation
 * errors arrive flat (field → message), never grouped by bag.
 */
export type InertiaProps<T extends object = {}> = Omit<SharedProps, 'errors'> & {
  errors: Extract<SharedProps['errors'], Record<string, string>>
} & T

/** A server value (a query row, an action's result) as a page receives it: JSON-serialized */
export type Serialized<T> = SerializeJSONTypes<T>

/**
 * The props a server-side props builder (e.g. `customerPageProps`) hands to
 * `inertia.render()`, as the page receives them: transformers resolved,
 * everything JSON-serialized.
 */
export type PropsOf<Builder extends (...args: any[]) => any> = Serialized<ToComponentProps<Awaited<ReturnType<Builder>>>>

export type StaffSummary = NonNullable<SharedProps['staff']>

export type NavItem = SharedProps['nav']['items'][number]

/** Pagination metadata of `Transformer.paginate(rows, paginator.getMeta())` */
export type PaginationMeta = {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

/**
 * A transformer's `paginate()` output: the rows and Lucid's paginator
 * metadata. (Type aliases, not interfaces: page props must be assignable
 * to Inertia's JSON `ComponentProps`, which interfaces are not.)
 */
export type Paginated<Row> = {
  data: Row[]
  metadata: PaginationMeta
}
