// Load generator, run as its own process: `writers` stock clients type into different sections at
// `rate` updates/s each while `observers` protocol-level observers (`connectObserver`: real
// sockets, the system's own protocol, updates parsed but not applied) watch; measures, for every
// update, the time from the writer's send to its receipt by every observer. Prints `READY {}` when all clients are
// synced, then `RESULT {…}`. Options are one JSON argument (see `FanoutOptions`).
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { percentile } from '../lib/stats.ts'
import { connect, connectObserver, firstText, sectionIds, type Client, type Observer, type Target } from './clients.ts'

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
  /** Also print every update's latency (`latencies`), so runs can be pooled. */
  readonly keepLatencies?: boolean
}

interface PendingWrite {
  readonly clock: number
  readonly sentAt: number
  /** Observers that have not received it yet. */
  remaining: number
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
const sentBy: PendingWrite[][] = writers.map(() => [])
const writerIds = writers.map((writer) => writer.doc.clientID)
let unfinished = 0

/** An observer's bookkeeping: for each writer, how many of its writes it has received. */
function observe(clocks: Map<number, number>, received: number[]): void {
  const now = performance.now()
  for (let w = 0; w < writerIds.length; w++) {
    const sent = sentBy[w]!
    const upTo = clocks.get(writerIds[w]!)
    if (upTo === undefined || received[w] === sent.length) continue
    while (received[w]! < sent.length && sent[received[w]!]!.clock <= upTo) {
      const write = sent[received[w]!++]!
      if (--write.remaining === 0) {
        write.latency = now - write.sentAt
        unfinished--
      }
    }
  }
}

const observers: Observer[] = []
for (let i = 0; i < options.observers; i += connectBatch) {
  const batch = Array.from({ length: Math.min(connectBatch, options.observers - i) }, () => {
    const received = writers.map(() => 0)
    return connectObserver(options, (clocks) => observe(clocks, received))
  })
  await Promise.all(batch.map((observer) => observer.synced))
  observers.push(...batch)
}
const sections = sectionIds(writers[0]!.doc).filter((id) => firstText(writers[0]!.doc.getXmlFragment(`es/${id}`)))
console.log('READY {}')

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
  sentBy[writerIndex]!.push({
    clock: Y.getState(writer.doc.store, writer.doc.clientID),
    sentAt,
    remaining: observers.length,
    latency: Number.NaN,
  })
  unfinished++
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
while (unfinished > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50))
const done = sentBy.flat()
const elapsedS = (performance.now() - startedAt) / 1000
const cpu = process.cpuUsage(cpuStart)
const latencies = done.filter((w) => w.remaining === 0).map((w) => w.latency)
const lost = done.filter((w) => w.remaining > 0).length
console.log(
  `RESULT ${JSON.stringify({
    updates: done.length,
    lost,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    updatesPerSecond: done.length / elapsedS,
    loadCpuPercent: ((cpu.user + cpu.system) / 1e6 / elapsedS) * 100,
    ...(options.keepLatencies ? { latencies } : {}),
  })}`,
)
for (const client of [...writers, ...observers]) client.destroy()
process.exit(0)
