import type { ApiResponse } from '@japa/api-client'
import type StaffUser from '#models/staff_user'
import type { Permission } from '#domain/staff/permissions'
import { type StaffAgent } from '#tests/helpers/staff_agent'

export interface RouteRequest {
  method: 'get' | 'post'
  url: string
  form?: Record<string, unknown>
  /** multipart upload: field name → { name, content } */
  file?: { field: string; name: string; content: Buffer; contentType: string }
}

/**
 * One backoffice route in the generated role × route matrix
 * (permission_matrix.spec.ts). `request` builds fresh fixtures for each
 * attempt (a customer, an account, an approval made by `maker` ...), so
 * the allowed attempt of one role never changes what the next role sees.
 */
export interface RouteCase {
  /** the route's name: 'backoffice.customers.store' */
  route: string
  /** from #domain/staff/permissions; 'signed_in' = every active staff member */
  permission: Permission | 'signed_in'
  request(fixtures: { staff: StaffUser; maker: StaffUser }): Promise<RouteRequest>
  /**
   * Extra check when allowed. Default: GET → 200, POST → 302 with no
   * error flash.
   */
  allowed?(response: ApiResponse, agent: StaffAgent): Promise<void> | void
  /** The route ends or replaces the session (logout, password change): use a throwaway sign-in */
  freshSession?: boolean
}
