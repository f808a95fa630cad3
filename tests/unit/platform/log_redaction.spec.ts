import { test } from '@japa/runner'
import { REDACTED, redactUrl } from '#services/logging/log_redaction'

const token = 'Zm9vYmFyLXNlY3JldC10b2tlbi0zMi1ieXRlcy1sb25nISE'

test.group('Log redaction of secret-bearing URLs', () => {
  test('hides the token of a reset or invitation link in a path, an absolute URL and free text', ({ assert }) => {
    assert.equal(redactUrl(`/backoffice/reset-password/${token}`), `/backoffice/reset-password/${REDACTED}`)
    assert.equal(
      redactUrl(`https://bank.example/backoffice/reset-password/${token}?x=1#top`),
      `https://bank.example/backoffice/reset-password/${REDACTED}?x=1#top`
    )
    const text = `Set your password: http://127.0.0.1/backoffice/reset-password/${token} (72 h)`
    assert.notInclude(redactUrl(text), token)
    assert.include(redactUrl(text), `/backoffice/reset-password/${REDACTED} (72 h)`)
    assert.equal(redactUrl(`/BACKOFFICE/Reset-Password/${token}`), `/BACKOFFICE/Reset-Password/${REDACTED}`)
  })

  test('hides secret query parameters and leaves other URLs alone', ({ assert }) => {
    assert.equal(
      redactUrl(`/callback?state=abc&code=${token}&token=${token}`),
      `/callback?state=abc&code=${REDACTED}&token=${REDACTED}`
    )
    assert.equal(redactUrl('/backoffice/customers?q=ada&page=2'), '/backoffice/customers?q=ada&page=2')
    assert.equal(redactUrl('/backoffice/reset-password'), '/backoffice/reset-password')
  })
})
