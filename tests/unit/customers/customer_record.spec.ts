import { test } from '@japa/runner'
import {
  attachmentDisposition,
  formatCustomerNumber,
  maskAddress,
  maskDateOfBirth,
  maskPhone,
  sniffDocumentMime,
} from '#domain/customers/customer_record'

test.group('Customer record rules', () => {
  test('formats customer numbers as C + 8 digits', ({ assert }) => {
    assert.equal(formatCustomerNumber(10000001), 'C10000001')
    assert.equal(formatCustomerNumber('42'), 'C00000042')
  })

  test('masks sensitive identifiers, keeping only the last 3 phone digits and the country', ({ assert }) => {
    assert.equal(maskPhone('+44 7700 900123'), '•••••••••123')
    assert.isNull(maskPhone(null))
    assert.equal(maskDateOfBirth('1980-04-05'), '••/••/••••')
    assert.equal(
      maskAddress({ line1: '1 Bank St', line2: null, city: 'London', postcode: 'E14', country: 'GB' }),
      '••••••, GB'
    )
  })

  test('sniffs PDF, PNG and JPEG from their first bytes only', ({ assert }) => {
    assert.equal(sniffDocumentMime(Buffer.from('%PDF-1.7')), 'application/pdf')
    assert.equal(sniffDocumentMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image/png')
    assert.equal(sniffDocumentMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg')
    assert.isNull(sniffDocumentMime(Buffer.from('<html>')))
    assert.isNull(sniffDocumentMime(Buffer.alloc(0)))
  })

  test('builds an attachment disposition that cannot break out of the header', ({ assert }) => {
    assert.equal(
      attachmentDisposition('a"b\r\nc.pdf'),
      `attachment; filename="a_b__c.pdf"; filename*=UTF-8''a%22b%0D%0Ac.pdf`
    )
    assert.match(attachmentDisposition('résumé.pdf'), /filename="r_sum_.pdf"; filename\*=UTF-8''r%C3%A9sum%C3%A9.pdf$/)
  })
})
