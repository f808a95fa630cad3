import StaffUser from '#models/staff_user'
import type { Infer } from '@vinejs/vine/types'
import type { listStaffValidator } from '#validators/staff'

export type StaffDirectoryQuery = Infer<typeof listStaffValidator>

const likeLiteral = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const SORTS = {
  name: 'lower(full_name)',
  email: 'lower(email)',
  role: 'role',
  last_login: 'last_login_at',
  created: 'created_at',
} as const

/**
 * Staff members for the admin list: search by name or email, filter by
 * role and status (active, inactive, invited = never signed in
 * and no second factor yet), sorted and paginated in the database.
 */
export default class ListStaffDirectory {
  async handle(filters: StaffDirectoryQuery) {
    const query = StaffUser.query()
    const term = filters.q?.trim().toLowerCase()
    if (term) {
      const like = likeLiteral(term)
      query.where((w) => w.whereRaw('lower(full_name) like ?', [like]).orWhereRaw('lower(email) like ?', [like]))
    }
    if (filters.role) query.where('role', filters.role)
    if (filters.status === 'active') query.where('is_active', true)
    if (filters.status === 'inactive') query.where('is_active', false)
    if (filters.status === 'invited') {
      query.where('is_active', true).whereNull('totp_secret').whereNull('last_login_at')
    }
    const direction = filters.direction ?? 'asc'
    const nulls = direction === 'asc' ? 'nulls first' : 'nulls last'
    query.orderByRaw(`${SORTS[filters.sort ?? 'name']} ${direction} ${nulls}, id ${direction}`)
    return query.paginate(filters.page ?? 1, filters.perPage ?? 25)
  }
}
