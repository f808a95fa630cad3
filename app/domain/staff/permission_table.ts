import { PERMISSION_MATRIX, PERMISSIONS, ROLE_LABELS, STAFF_ROLES, roleCan } from '#domain/staff/permissions'

export const TABLE_START = '<!-- permissions:start -->'
export const TABLE_END = '<!-- permissions:end -->'

/**
 * The permission matrix as a Markdown table (README, docs). Generated
 * from PERMISSION_MATRIX so the documentation cannot drift from what the
 * policies enforce; a unit test compares it with the README.
 */
export function permissionTableMarkdown(): string {
  const header = `| Action | Permission | ${STAFF_ROLES.map((role) => ROLE_LABELS[role]).join(' | ')} |`
  const rule = `|---|---|${STAFF_ROLES.map(() => ':-:').join('|')}|`
  const rows = PERMISSIONS.map((permission) => {
    const cells = STAFF_ROLES.map((role) => (roleCan(role, permission) ? '✅' : '—'))
    return `| ${PERMISSION_MATRIX[permission].label} | \`${permission}\` | ${cells.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}
