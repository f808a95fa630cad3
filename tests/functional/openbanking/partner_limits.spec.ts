import { test } from '@japa/runner'
import throttlesConfig from '#config/throttles'
import { baseUrl, clientToken, createAccountConsent, createTestPartner, partnerFetch } from '#tests/helpers/openbanking'

test.group('Open banking / rate limits per partner tier and CORS per partner origin', () => {
  test('a sandbox partner gets 429 with Retry-After and RateLimit headers past its tier limit', async ({ assert }) => {
    const partner = await createTestPartner({ rateTier: 'sandbox' })
    const limit = throttlesConfig.partnerRequestsPerMinute.sandbox
    const token = await clientToken(partner)
    const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsBasic'] })
    const first = await partnerFetch(partner, token, `/api/v1/account-access-consents/${consentId}`)
    assert.equal(first.headers.get('ratelimit-policy'), `"sandbox";q=${limit};w=60`)
    assert.match(first.headers.get('ratelimit') ?? '', /^"sandbox";r=\d+;t=\d+$/)

    let refused: Awaited<ReturnType<typeof partnerFetch>> | undefined
    for (let i = 0; i < limit + 5 && !refused; i++) {
      const response = await partnerFetch(partner, token, `/api/v1/account-access-consents/${consentId}`)
      if (response.status === 429) refused = response
    }
    assert.exists(refused, 'the tier limit was never enforced')
    assert.equal(refused!.body.code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(refused!.headers.get('retry-after')), 0)
    assert.match(refused!.headers.get('ratelimit') ?? '', /^"sandbox";r=0;t=\d+$/)

    /* another partner is not affected */
    const other = await createTestPartner({ rateTier: 'sandbox' })
    const fine = await partnerFetch(other, await clientToken(other), `/api/v1/account-access-consents/${consentId}`)
    assert.equal(fine.status, 404)
  })

  test('CORS answers a registered partner origin and refuses any other', async ({ assert }) => {
    await createTestPartner({ corsOrigins: ['https://app.budgetly.example'] })
    const preflight = (origin: string) =>
      fetch(new URL('/api/v1/accounts', baseUrl()), {
        method: 'OPTIONS',
        headers: { 'origin': origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,dpop' },
      })
    const allowed = await preflight('https://app.budgetly.example')
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.budgetly.example')
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /dpop/i)
    const refused = await preflight('https://evil.example')
    assert.isNull(refused.headers.get('access-control-allow-origin'))
  })
})
