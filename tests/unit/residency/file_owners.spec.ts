import { test } from '@japa/runner'
import { ownerOfKey } from '#queries/residency/residency_report_query'

test.group('Residency report: the owner of a file key', () => {
  test('KYC keys name the customer, loan keys the loan, flat KYC keys are legacy', ({ assert }) => {
    assert.deepEqual(ownerOfKey('kyc/42/0b6f5f3e-7c1c-4b8e-9b4f-0c3e2f1a9d11'), { customerId: 42 })
    assert.deepEqual(ownerOfKey('loans/7/0b6f5f3e-7c1c-4b8e-9b4f-0c3e2f1a9d11'), { loanId: 7 })
    assert.deepEqual(ownerOfKey('kyc/0b6f5f3e-7c1c-4b8e-9b4f-0c3e2f1a9d11'), { legacyKyc: 'kyc/0b6f5f3e-7c1c-4b8e-9b4f-0c3e2f1a9d11' })
  })

  test('any other shape has no known owner', ({ assert }) => {
    for (const key of ['kyc/42/a/b', 'kyc/x1/doc', 'loans/7', 'loans/7/a/b', 'checkpoints/1.json', 'kyc/', '.DS_Store']) {
      assert.isNull(ownerOfKey(key), key)
    }
  })
})
