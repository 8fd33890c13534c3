// Load generator, run as its own process: `writers` clients type into different sections at
// `rate` updates/s each while `observers` clients watch; measures, for every update, the time from
// the writer's send to its receipt by every observer. Prints `READY {}` when all clients are
// synced, then `RESULT {…}`. Options are one JSON argument (see `FanoutOptions`).
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { percentile } from '../lib/stats.ts'
import { connect, firstText, sectionIds, type Client, type Target } from './clients.ts'

/** What one fan-out run does. */
export interface FanoutOptions extends Target {
  readonly observers: number
  readonly writers: number
  /** Updates per second per writer. */
  readonly rate: number
  readonly durationMs: number
  /** Connections opened at once while connecting, so the server is not flooded. */
  readonly connectBatch?: number
  /** Writing before measuring, so first-use costs (JIT, lazy loading) on either side are not counted. Default 2 s. */
  readonly warmupMs?: number
}

interface PendingWrite {
  readonly writer: number
  readonly clock: number
  readonly sentAt: number
  readonly remaining: Set<number>
  latency: number
}

const options = JSON.parse(process.argv[2]!) as FanoutOptions
const connectBatch = options.connectBatch ?? 50

async function connectAll(count: number): Promise<Client[]> {
  const clients: Client[] = []
  for (let i = 0; i < count; i += connectBatch) {
    const batch = Array.from({ length: Math.min(connectBatch, count - i) }, () => connect(options))
    await Promise.all(batch.map((client) => client.synced))
    clients.push(...batch)
  }
  return clients
}

const writers = await connectAll(options.writers)
const observers = await connectAll(options.observers)
const sections = sectionIds(writers[0]!.doc).filter((id) => firstText(writers[0]!.doc.getXmlFragment(`es/${id}`)))
console.log('READY {}')

const pending = new Set<PendingWrite>()
const done: PendingWrite[] = []
observers.forEach((observer, index) => {
  observer.doc.on('update', () => {
    const now = performance.now()
    for (const write of pending) {
      if (!write.remaining.has(index)) continue
      if (Y.getState(observer.doc.store, writers[write.writer]!.doc.clientID) >= write.clock) {
        write.remaining.delete(index)
        if (write.remaining.size === 0) {
          write.latency = now - write.sentAt
          pending.delete(write)
          done.push(write)
        }
      }
    }
  })
})

function writeUnmeasured(writerIndex: number, n: number): void {
  const text = firstText(writers[writerIndex]!.doc.getXmlFragment(`es/${sections[writerIndex % sections.length]!}`))!
  text.insert(0, `w${writerIndex}.${n} `)
}

function write(writerIndex: number, n: number): void {
  const writer = writers[writerIndex]!
  const section = sections[writerIndex % sections.length]!
  const text = firstText(writer.doc.getXmlFragment(`es/${section}`))!
  const sentAt = performance.now()
  text.insert(0, `w${writerIndex}.${n} `)
  pending.add({ writer: writerIndex, clock: Y.getState(writer.doc.store, writer.doc.clientID), sentAt, remaining: new Set(observers.map((_, i) => i)), latency: Number.NaN })
}

let measuring = false
const timers = writers.map((_, index) => {
  let n = 0
  return setInterval(() => (measuring ? write(index, n++) : writeUnmeasured(index, n++)), 1000 / options.rate)
})
await new Promise((resolve) => setTimeout(resolve, options.warmupMs ?? 2000))
measuring = true
const startedAt = performance.now()
const cpuStart = process.cpuUsage()
await new Promise((resolve) => setTimeout(resolve, options.durationMs))
timers.forEach(clearInterval)
// Let the last updates arrive (bounded), then count what never did.
const drainUntil = performance.now() + 10_000
while (pending.size > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50))
for (const write of pending) done.push(write)
const elapsedS = (performance.now() - startedAt) / 1000
const cpu = process.cpuUsage(cpuStart)
const latencies = done.filter((w) => w.remaining.size === 0).map((w) => w.latency)
const lost = done.filter((w) => w.remaining.size > 0).length
console.log(
  `RESULT ${JSON.stringify({
    updates: done.length,
    lost,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    updatesPerSecond: done.length / elapsedS,
    loadCpuPercent: ((cpu.user + cpu.system) / 1e6 / elapsedS) * 100,
  })}`,
)
for (const client of [...writers, ...observers]) client.destroy()
process.exit(0)
