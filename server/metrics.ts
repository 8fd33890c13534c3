// What the server counts for operators: Prometheus text at GET /metrics (prom-client, the
// Prometheus client for Node that its maintainers keep: exposition format, histograms and the
// process's own metrics without code of ours).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { closeCodeName } from '../schema/close-codes.ts'

/** What the metrics read when scraped. */
export interface MetricSources {
  /** Open collaboration connections. */
  readonly connections: () => number
  /** Reports loaded in memory. */
  readonly documentsLoaded: () => number
}

/**
 * Durable writes of updates take about a millisecond on a local disk (an fsync) and tens of
 * milliseconds on a busy network disk; a write over a second means storage is in trouble.
 */
const storeSecondsBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** The server's metrics, in a registry of their own (several servers may share a process in tests). */
export class ServerMetrics {
  readonly registry = new Registry()
  private readonly stored: Counter
  private readonly refused: Counter<'code' | 'reason'>
  private readonly storeSeconds: Histogram

  constructor(sources: MetricSources) {
    const registers = [this.registry]
    collectDefaultMetrics({ register: this.registry, prefix: 'cotejo_' })
    new Gauge({
      name: 'cotejo_connections',
      help: 'Open collaboration connections.',
      registers,
      collect() {
        this.set(sources.connections())
      },
    })
    new Gauge({
      name: 'cotejo_documents_loaded',
      help: 'Reports loaded in memory.',
      registers,
      collect() {
        this.set(sources.documentsLoaded())
      },
    })
    this.stored = new Counter({
      name: 'cotejo_updates_stored_total',
      help: "Updates stored durably (clients' changes, repairs and server changes).",
      registers,
    })
    this.refused = new Counter({
      name: 'cotejo_refused_total',
      help: 'Connections refused or closed for what they sent, by close code: 4403 a change not allowed, 4400 malformed, 4413 too large, 4429 too many, 4401 not signed in, 4404 no such report.',
      labelNames: ['code', 'reason'],
      registers,
    })
    this.storeSeconds = new Histogram({
      name: 'cotejo_store_seconds',
      help: 'Time of one durable write of a batch of updates (group commit).',
      buckets: storeSecondsBuckets,
      registers,
    })
  }

  /** Times the durable write of `count` updates by `write`; counts them once written. */
  async timeStore<T>(count: number, write: () => Promise<T>): Promise<T> {
    const end = this.storeSeconds.startTimer()
    try {
      const result = await write()
      this.stored.inc(count)
      return result
    } finally {
      end()
    }
  }

  /** Counts a connection refused or closed with a 44xx `code`. */
  countRefusal(code: number): void {
    this.refused.inc({ code: String(code), reason: closeCodeName(code) })
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics()
  }
}
