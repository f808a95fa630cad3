import { test } from '@japa/runner'
import { addressInList as ipAllowed } from '#services/http/address_list'
import {
  DEFAULT_ALLOWED_IPS,
  decideMetricsAccess,
  parseAllowList,
  sameSecret,
} from '#services/metrics/metrics_access'
import { postingKind } from '#domain/ledger/posting_kind'

const TOKEN = 'metrics-token-0123456789abcdef0123456789'

test.group('Metrics access (deny by default)', () => {
  test('the default allow-list is loopback only, IPv4-mapped addresses included', ({ assert }) => {
    const list = parseAllowList(DEFAULT_ALLOWED_IPS)
    assert.isTrue(ipAllowed(list, '127.0.0.1'))
    assert.isTrue(ipAllowed(list, '::1'))
    assert.isTrue(ipAllowed(list, '::ffff:127.0.0.1'))
    assert.isFalse(ipAllowed(list, '127.0.0.2'))
    assert.isFalse(ipAllowed(list, '10.0.0.1'))
    assert.isFalse(ipAllowed(list, null))
    assert.isFalse(ipAllowed(list, 'not-an-ip'))
  })

  test('CIDRs of both families; `none` allows no address; a bad entry is refused at parse', ({ assert }) => {
    const list = parseAllowList(' 10.0.0.0/8, fd00::/8 ,192.168.1.7')
    assert.isTrue(ipAllowed(list, '10.200.3.4'))
    assert.isTrue(ipAllowed(list, 'fd12::1'))
    assert.isTrue(ipAllowed(list, '192.168.1.7'))
    assert.isFalse(ipAllowed(list, '192.168.1.8'))
    assert.isFalse(ipAllowed(parseAllowList('none'), '127.0.0.1'))
    assert.throws(() => parseAllowList('10.0.0.0/33'), /invalid prefix/)
    assert.throws(() => parseAllowList('localhost'), /not an IP/)
    assert.throws(() => parseAllowList('10.0.0.1/8/1'), /not an IP/)
  })

  test('a right bearer token is allowed from anywhere; a wrong or unexpected one from nowhere', ({ assert }) => {
    const rules = { token: TOKEN, allowList: parseAllowList(DEFAULT_ALLOWED_IPS) }
    assert.equal(decideMetricsAccess(rules, { ip: '203.0.113.9', authorization: `Bearer ${TOKEN}` }), 'allowed')
    assert.equal(decideMetricsAccess(rules, { ip: '203.0.113.9', authorization: `bearer ${TOKEN}` }), 'allowed')
    assert.equal(decideMetricsAccess(rules, { ip: '203.0.113.9', authorization: `Bearer ${TOKEN}x` }), 'bad_token')
    assert.equal(decideMetricsAccess(rules, { ip: '127.0.0.1', authorization: 'Bearer wrong' }), 'bad_token')
    assert.equal(decideMetricsAccess(rules, { ip: '127.0.0.1', authorization: `Basic ${TOKEN}` }), 'bad_token')
    assert.equal(decideMetricsAccess(rules, { ip: '203.0.113.9', authorization: undefined }), 'not_allowed')
    assert.equal(decideMetricsAccess(rules, { ip: '127.0.0.1', authorization: undefined }), 'allowed')
    const noToken = { token: null, allowList: parseAllowList(DEFAULT_ALLOWED_IPS) }
    assert.equal(decideMetricsAccess(noToken, { ip: '127.0.0.1', authorization: 'Bearer anything' }), 'bad_token')
  })

  test('tokens are compared whole, whatever their lengths', ({ assert }) => {
    assert.isTrue(sameSecret(TOKEN, TOKEN))
    assert.isFalse(sameSecret(TOKEN.slice(0, -1), TOKEN))
    assert.isFalse(sameSecret('', TOKEN))
  })
})

test.group('Posting kinds (metric labels)', () => {
  test('come from the ledger function, cash from its first argument, anything else is "other"', ({ assert }) => {
    assert.equal(postingKind('ledger_post_transfer(?::text, ?::text)', []), 'transfer')
    assert.equal(postingKind('ledger_post_cash(?::text, ?::text)', ['deposit']), 'deposit')
    assert.equal(postingKind('ledger_post_cash(?::text, ?::text)', ['withdrawal']), 'withdrawal')
    assert.equal(postingKind('ledger_post_cash(?::text)', ['something']), 'other')
    assert.equal(postingKind('\n  ledger_post_loan_disbursement(?)', []), 'loan_disbursement')
    assert.equal(postingKind('ledger_reverse_transaction(?)', []), 'reversal')
    assert.equal(postingKind('ledger_unknown(?)', []), 'other')
  })
})
