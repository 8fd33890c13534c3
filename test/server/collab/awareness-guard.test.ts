import { describe, expect, it } from 'vitest'
import { AwarenessGuard } from '../../../server/collab/awareness-guard.ts'

const state = { user: { name: 'ana' } }

describe('AwarenessGuard', () => {
  it('binds a reconnecting connection to the id its user held, from a presence re-sent at the clock the server has', () => {
    const guard = new AwarenessGuard()
    const verdict = guard.judge(
      [{ clientId: 7, clock: 3, state }],
      () => 3,
      () => false,
      (id) => id === 7,
    )
    expect({
      own: verdict.own.map((entry) => entry.clientId),
      refused: verdict.refused,
      bound: guard.clientId,
    }).toEqual({ own: [7], refused: [], bound: 7 })
  })

  it("drops, without binding, the echo of someone else's presence at the clock the server has", () => {
    const guard = new AwarenessGuard()
    const verdict = guard.judge(
      [{ clientId: 9, clock: 3, state }],
      () => 3,
      () => false,
      () => false,
    )
    expect({ own: verdict.own, refused: verdict.refused, bound: guard.clientId }).toEqual({
      own: [],
      refused: [],
      bound: undefined,
    })
    // Its own new presence then binds it.
    guard.judge(
      [{ clientId: 12, clock: 0, state }],
      () => undefined,
      () => false,
    )
    expect(guard.clientId).toBe(12)
  })

  it("never binds an id another person's connection holds, even re-sent by a user who held it", () => {
    const guard = new AwarenessGuard()
    const verdict = guard.judge(
      [{ clientId: 7, clock: 4, state }],
      () => 3,
      () => true,
      () => true,
    )
    expect({ refused: verdict.refused, bound: guard.clientId }).toEqual({ refused: [7], bound: undefined })
  })
})
