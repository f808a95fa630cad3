import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { EventLoopDelaySampler, admit, overloadReason, requestsInFlight } from '#services/http/overload_guard'

/** Keeps the event loop busy for `ms` (a synchronous task, as a CPU-bound request would) */
function block(ms: number) {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}

test.group('Overload guard: the decision', () => {
  const limits = { maxInFlight: 2, maxEventLoopDelayMs: 100 }

  test('admits while fewer than the limit are in flight and the loop keeps up', ({ assert }) => {
    assert.isNull(overloadReason({ inFlight: 0, eventLoopDelayMs: 0 }, limits))
    assert.isNull(overloadReason({ inFlight: 1, eventLoopDelayMs: 100 }, limits))
  })

  test('refuses the request that would exceed the in-flight limit', ({ assert }) => {
    assert.equal(overloadReason({ inFlight: 2, eventLoopDelayMs: 0 }, limits), 'in_flight')
    assert.equal(overloadReason({ inFlight: 7, eventLoopDelayMs: 500 }, limits), 'in_flight')
  })

  test('refuses while the event loop lags past the threshold', ({ assert }) => {
    assert.equal(overloadReason({ inFlight: 0, eventLoopDelayMs: 101 }, limits), 'event_loop')
  })

  test('a limit of 0 turns its check off', ({ assert }) => {
    const off = { maxInFlight: 0, maxEventLoopDelayMs: 0 }
    assert.isNull(overloadReason({ inFlight: 100_000, eventLoopDelayMs: 60_000 }, off))
  })

  test('the in-flight count goes back down once per request, however often released', ({ assert }) => {
    const before = requestsInFlight()
    const first = admit()
    const second = admit()
    assert.equal(requestsInFlight(), before + 2)
    first()
    first()
    assert.equal(requestsInFlight(), before + 1)
    second()
    assert.equal(requestsInFlight(), before)
  })
})

test.group('Overload guard: the event-loop delay sampler', () => {
  test('reads about zero on an idle loop', async ({ assert }) => {
    const sampler = new EventLoopDelaySampler(100).start()
    try {
      await sleep(350)
      assert.isBelow(sampler.delayMs(), 150, 'a busy machine delays timers a little, never like a stall')
    } finally {
      sampler.stop()
    }
  })

  test('sees a stall as soon as it ends, keeps it until the next window ends, then forgets it', async ({ assert }) => {
    const sampler = new EventLoopDelaySampler(300).start()
    try {
      await sleep(100)
      block(400)
      /* the histogram's next tick and the window's end (overdue) run before this continuation */
      await sleep(20)
      assert.isAbove(sampler.delayMs(), 300)
      await sleep(100)
      assert.isAbove(sampler.delayMs(), 300, 'still the last window')
      await sleep(500)
      assert.isBelow(sampler.delayMs(), 150, 'a quiet window later')
    } finally {
      sampler.stop()
    }
  })

  test('sees a stall the moment it ends, before any timer ran', async ({ assert }) => {
    const sampler = new EventLoopDelaySampler(200).start()
    try {
      await sleep(50)
      block(400)
      /* as the middleware would, in the I/O callback right after the stall */
      assert.isAbove(sampler.delayMs(), 350)
    } finally {
      sampler.stop()
    }
  })

  test('a stopped sampler reads its last windows only', async ({ assert }) => {
    const sampler = new EventLoopDelaySampler(100).start()
    await sleep(50)
    const before = sampler.delayMs()
    sampler.stop()
    block(200)
    assert.equal(sampler.delayMs(), before)
  })
})
