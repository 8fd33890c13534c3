// The bus's message format: what one instance writes, another reads back; anything else in the
// channel (random bytes, truncations, trailing bytes) is refused with MalformedBusMessage, never
// another exception.

import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import {
  decodeBusMessage,
  encodeBusMessage,
  MalformedBusMessage,
  type BusMessage,
} from '../../../server/cluster/report-bus.ts'

const messages: BusMessage[] = [
  {
    kind: 'update',
    report: 'annual-report-2024',
    instance: 'host-1-abcd',
    seq: 1,
    user: 'ana',
    update: new Uint8Array([0, 0]),
  },
  { kind: 'update', report: 'r', instance: 'i', seq: 2 ** 40, user: 'system', update: new Uint8Array(5_000).fill(7) },
  { kind: 'presence', report: 'r', instance: 'i', update: new Uint8Array([1, 2, 3]) },
]

describe('bus messages', () => {
  it('read back exactly as written', () => {
    for (const message of messages) expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message)
  })

  it('refuse truncations, trailing bytes, empty names, seq 0 and unknown kinds', () => {
    const bytes = encodeBusMessage(messages[0]!)
    for (let length = 0; length < bytes.length; length++)
      expect(() => decodeBusMessage(bytes.slice(0, length))).toThrow(MalformedBusMessage)
    expect(() => decodeBusMessage(new Uint8Array([...bytes, 0]))).toThrow(/after the end/)
    expect(() => decodeBusMessage(encodeBusMessage({ ...messages[0]!, report: '' } as BusMessage))).toThrow(/report id/)
    expect(() => decodeBusMessage(encodeBusMessage({ ...messages[0]!, seq: 0 } as BusMessage))).toThrow(/seq 0/)
    expect(() => decodeBusMessage(new Uint8Array([9, 1, 114, 1, 105, 0]))).toThrow(/unknown message kind 9/)
  })

  it('refuse 20,000 random byte strings with MalformedBusMessage only', () => {
    const random = prng.create(20261125)
    let refused = 0
    // Those not refused as they should be: decoded as a message, or another exception.
    const accepted: string[] = []
    const otherErrors: string[] = []
    // Refusals of strings made to start like a real message that came from its first fields all the same.
    const stoppedEarly: string[] = []
    for (let i = 0; i < 20_000; i++) {
      const bytes = prng.uint8Array(random, prng.int32(random, 0, 64))
      // Half of them start like a real message (kind "update", report "r"), to get past the first fields.
      const startsLikeOne = i % 2 === 0 && bytes.length > 3
      if (startsLikeOne) bytes.set([1, 1, 114], 0)
      const hex = Buffer.from(bytes).toString('hex')
      try {
        const message = decodeBusMessage(bytes)
        accepted.push(`${hex} → ${JSON.stringify({ ...message, update: message.update.length })}`)
      } catch (error) {
        if (!(error instanceof MalformedBusMessage)) otherErrors.push(`${hex}: ${String(error)}`)
        else {
          refused++
          if (startsLikeOne && /unknown message kind|report id/.test(error.message))
            stoppedEarly.push(`${hex}: ${error.message}`)
        }
      }
    }
    expect({ refused, accepted, otherErrors, stoppedEarly }).toEqual({
      refused: 20_000,
      accepted: [],
      otherErrors: [],
      stoppedEarly: [],
    })
  })
})
