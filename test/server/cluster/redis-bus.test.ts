// The bus over a real Redis (private to this file): what a refused message does to an instance —
// a warning and nothing else — while the messages around it still arrive. The format's own
// refusals are in report-bus.test.ts.

import * as prng from 'lib0/prng'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { RedisBus } from '../../../server/cluster/redis-bus.ts'
import { encodeBusMessage, type BusMessage } from '../../../server/cluster/report-bus.ts'
import { parseLogLine } from '../../../server/log.ts'
import { startRedis, type RunningRedis } from '../../helpers/redis.ts'

/** The channel of report `r` (the prefix is part of what instances agree on). */
const channel = 'cotejo:report:r'

let redis: RunningRedis

beforeAll(async () => {
  redis = await startRedis()
}, 60_000)

afterAll(async () => {
  await redis?.stop()
})

describe('the Redis bus', () => {
  it('ignores each of 20,000 random byte strings in a report channel with a warning, and still delivers the real messages around them', async () => {
    const lines: string[] = []
    const bus = new RedisBus({ url: redis.url, instance: 'this-instance', log: (line) => lines.push(line) })
    const publisher = new Redis(redis.url)
    try {
      await vi.waitFor(() => expect(bus.status).toBe('connected'), { timeout: 10_000, interval: 20 })
      const received: BusMessage[] = []
      await bus.subscribe('r', (message) => received.push(message))
      const before: BusMessage = {
        kind: 'update',
        report: 'r',
        instance: 'other-instance',
        seq: 6,
        user: 'ana',
        update: new Uint8Array([0, 0]),
      }
      const after: BusMessage = {
        kind: 'presence',
        report: 'r',
        instance: 'other-instance',
        update: new Uint8Array([1, 2, 3]),
      }
      void publisher.publish(channel, Buffer.from(encodeBusMessage(before)))
      const random = prng.create(20261125)
      for (let i = 0; i < 20_000; i++) {
        const bytes = prng.uint8Array(random, prng.int32(random, 0, 64))
        if (i % 2 === 0 && bytes.length > 3) bytes.set([1, 1, 114], 0)
        void publisher.publish(channel, Buffer.from(bytes))
      }
      // One connection publishes in order, and Redis delivers in order: once the last real message is here, every string was read.
      await publisher.publish(channel, Buffer.from(encodeBusMessage(after)))
      await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 20_000, interval: 50 })
      expect(received).toEqual([before, after])
      const warnings = lines.map(parseLogLine).filter((record) => record.level === 'warn')
      expect(warnings).toHaveLength(20_000)
      expect(
        warnings.filter((record) => !String(record.message).startsWith(`ignored a malformed message on ${channel}: `)),
      ).toEqual([])
      expect(bus.status).toBe('connected')
    } finally {
      publisher.disconnect()
      await bus.close()
    }
  })
})
