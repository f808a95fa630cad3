import { test } from '@japa/runner'
import { createServer } from 'node:http'
import { once } from 'node:events'
import { fetch } from 'undici'
import { PrivateDestinationError, isPrivateAddress, privateLiteral, publicOnlyAgent } from '#services/outbound/public_destinations'

test.group('Outbound destinations: public addresses only (SSRF)', () => {
  test('private, loopback, link-local, CGNAT, multicast and unique-local addresses are not public', ({ assert }) => {
    const strict = { allowLoopback: false }
    for (const address of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.169.254',
      '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      assert.isTrue(isPrivateAddress(address, strict), address)
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      assert.isFalse(isPrivateAddress(address, strict), address)
    }
  })

  test('loopback may be allowed (development and tests), nothing else private', ({ assert }) => {
    const dev = { allowLoopback: true }
    assert.isFalse(isPrivateAddress('127.0.0.1', dev))
    assert.isFalse(isPrivateAddress('::1', dev))
    assert.isTrue(isPrivateAddress('10.0.0.1', dev))
    assert.isTrue(isPrivateAddress('169.254.169.254', dev))
  })

  test('an IP-literal URL host is checked before any connection', ({ assert }) => {
    assert.equal(privateLiteral(new URL('https://169.254.169.254/latest'), { allowLoopback: false }), '169.254.169.254')
    assert.equal(privateLiteral(new URL('https://[::1]:8443/x'), { allowLoopback: false }), '::1')
    assert.isNull(privateLiteral(new URL('https://partner.example/cb'), { allowLoopback: false }))
    assert.isNull(privateLiteral(new URL('http://127.0.0.1:4999/cb'), { allowLoopback: true }))
  })

  test('a host NAME resolving to a private address is refused at connect time; allowed loopback connects', async ({ assert, cleanup }) => {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1')
    await once(server, 'listening')
    cleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const url = `http://localhost:${(server.address() as { port: number }).port}/`
    const refused = await fetch(url, { dispatcher: publicOnlyAgent({ allowLoopback: false }) }).catch((error) => error)
    assert.instanceOf(refused?.cause, PrivateDestinationError)
    const allowed = await fetch(url, { dispatcher: publicOnlyAgent({ allowLoopback: true }) })
    assert.equal(await allowed.text(), 'ok')
  })
})
