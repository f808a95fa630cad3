import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { PERMISSIONS, STAFF_ROLES, permissionsOf, roleCan } from '#domain/staff/permissions'
import { APPROVAL_KINDS } from '#domain/approvals/approval_kinds'
import { TABLE_END, TABLE_START, permissionTableMarkdown } from '#domain/staff/permission_table'

test.group('Permission matrix', () => {
  test('denies what is not listed: unknown permission, missing role', ({ assert }) => {
    assert.isFalse(roleCan('admin', 'no.such.permission' as any))
    assert.isFalse(roleCan(null, 'dashboard.view'))
    assert.isFalse(roleCan('auditor', 'teller.deposit'))
    assert.isTrue(roleCan('teller', 'teller.deposit'))
  })

  test('auditors can read and verify but never move money or change anything', ({ assert }) => {
    const auditor = permissionsOf('auditor')
    for (const permission of auditor) {
      assert.match(permission, /\.(view|view_pii|documents_view|export|verify)$/, permission)
    }
    assert.include(auditor, 'audit.verify')
  })

  test('every four-eyes kind is decided with a permission some role holds', ({ assert }) => {
    for (const [kind, { decidedWith }] of Object.entries(APPROVAL_KINDS)) {
      assert.isTrue(STAFF_ROLES.some((role) => roleCan(role, decidedWith)), kind)
    }
  })

  test('the README shows the matrix exactly as the policies enforce it', async ({ assert }) => {
    const readme = await readFile(app.makePath('README.md'), 'utf8')
    const start = readme.indexOf(TABLE_START)
    const end = readme.indexOf(TABLE_END)
    assert.isAbove(start, -1, 'README has the permissions markers (node ace docs:permissions --write)')
    assert.equal(readme.slice(start + TABLE_START.length, end).trim(), permissionTableMarkdown())
    assert.lengthOf(permissionTableMarkdown().split('\n'), PERMISSIONS.length + 2)
  })
})
