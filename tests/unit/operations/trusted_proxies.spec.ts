import { test } from '@japa/runner'
import { parseTrustedProxies } from '#services/http/trusted_proxies'

test.group('TRUSTED_PROXIES', () => {
  test('trusts loopback only by default', ({ assert }) => {
    const proxies = parseTrustedProxies(undefined)
    assert.isTrue(proxies.trusts('127.0.0.1'))
    assert.isTrue(proxies.trusts('::1'))
    assert.isTrue(proxies.trusts('::ffff:127.0.0.1'))
    assert.isFalse(proxies.trusts('10.0.0.5'))
    assert.isFalse(proxies.trusts(undefined))
  })

  test('trusts the listed addresses and CIDRs, IPv4-mapped peers included, and nothing else', ({ assert }) => {
    const proxies = parseTrustedProxies(' 10.0.0.0/8, 192.168.1.7 ,fd00::/8')
    assert.isTrue(proxies.trusts('10.20.30.40'))
    assert.isTrue(proxies.trusts('::ffff:10.1.2.3'))
    assert.isTrue(proxies.trusts('192.168.1.7'))
    assert.isFalse(proxies.trusts('192.168.1.8'))
    assert.isTrue(proxies.trusts('fd12::1'))
    assert.isFalse(proxies.trusts('11.0.0.1'))
    assert.isFalse(proxies.trusts('not an ip'))
  })

  test("'*' trusts every hop", ({ assert }) => {
    assert.isTrue(parseTrustedProxies('*').trusts('203.0.113.9'))
  })

  test('refuses an entry that is not an IP or CIDR', ({ assert }) => {
    assert.throws(() => parseTrustedProxies('10.0.0.0/33'), /TRUSTED_PROXIES: "10.0.0.0\/33"/)
    assert.throws(() => parseTrustedProxies('proxy.internal'), /not an IP address or CIDR/)
    assert.throws(() => parseTrustedProxies('10.0.0.0/8/1'), /not an IP address or CIDR/)
  })
})
