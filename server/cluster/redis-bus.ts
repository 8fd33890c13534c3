// The report bus over Redis pub/sub (`REDIS_URL`): one channel per report, binary messages.
// Redis being down never stops an instance: publishing drops the message (storage has the
// update; the other instances catch up from it), and ioredis reconnects by itself, resubscribing.

import { Redis } from 'ioredis'
import { logEvent } from '../log.ts'
import {
  decodeBusMessage,
  encodeBusMessage,
  MalformedBusMessage,
  type BusMessage,
  type BusStatus,
  type ReportBus,
} from './report-bus.ts'

/** Prefix of the per-report channels. */
const channelPrefix = 'cotejo:report:'

/** Reconnect delay: grows by 200 ms per attempt up to 2 s, so a Redis restart is noticed within seconds without hammering it. */
const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, 2000)

/** Options of {@link RedisBus}. */
export interface RedisBusOptions {
  /** `redis://host:port[/db]` */
  readonly url: string
  /** This instance's id. */
  readonly instance: string
  readonly log: (line: string) => void
}

/** A {@link ReportBus} over Redis pub/sub. */
export class RedisBus implements ReportBus {
  readonly instance: string
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly listeners = new Map<string, (message: BusMessage) => void>()
  private readonly reconnectListeners: Array<() => void> = []
  private connected = false
  private wasConnected = false
  private closed = false

  constructor(private readonly options: RedisBusOptions) {
    this.instance = options.instance
    const common = { retryStrategy: reconnectDelay, maxRetriesPerRequest: null, lazyConnect: false } as const
    // Publishing while disconnected fails at once instead of queueing: the message would be stale.
    this.publisher = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      connectionName: `cotejo-pub-${options.instance}`,
    })
    // Subscriptions made while disconnected are queued and sent on connect; ioredis resubscribes after reconnecting.
    this.subscriber = new Redis(options.url, { ...common, connectionName: `cotejo-sub-${options.instance}` })
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => {
        if (!this.closed) logEvent(options.log, { level: 'warn', event: 'redis', message: `Redis: ${error.message}` })
      })
    }
    this.subscriber.on('ready', () => {
      this.connected = true
      logEvent(options.log, {
        level: 'info',
        event: 'redis',
        message: this.wasConnected ? 'Redis reconnected: catching up from storage' : 'Redis connected',
      })
      if (this.wasConnected) for (const listener of this.reconnectListeners) listener()
      this.wasConnected = true
    })
    this.subscriber.on('close', () => {
      if (this.connected && !this.closed)
        logEvent(options.log, {
          level: 'warn',
          event: 'redis',
          message: 'Redis connection lost: serving local clients, relaying again when it returns',
        })
      this.connected = false
    })
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.deliver(channel.toString(), payload))
  }

  get status(): BusStatus {
    return this.connected && this.publisher.status === 'ready' ? 'connected' : 'disconnected'
  }

  async subscribe(report: string, listener: (message: BusMessage) => void): Promise<void> {
    this.listeners.set(report, listener)
    const subscribing = this.subscriber.subscribe(channelPrefix + report).catch((error: unknown) => {
      logEvent(this.options.log, {
        level: 'warn',
        event: 'redis',
        report,
        message: `subscribing failed`,
        error,
      })
    })
    // While Redis is down the subscription waits in ioredis's queue; the report is served meanwhile.
    if (this.connected) await subscribing
  }

  unsubscribe(report: string): void {
    if (!this.listeners.delete(report)) return
    this.subscriber.unsubscribe(channelPrefix + report).catch(() => {})
  }

  publish(message: BusMessage): void {
    if (this.publisher.status !== 'ready') return
    this.publisher.publish(channelPrefix + message.report, Buffer.from(encodeBusMessage(message))).catch(() => {})
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    this.listeners.clear()
    this.publisher.disconnect()
    this.subscriber.disconnect()
  }

  private deliver(channel: string, payload: Buffer): void {
    if (!channel.startsWith(channelPrefix)) return
    let message: BusMessage
    try {
      message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
    } catch (error) {
      if (!(error instanceof MalformedBusMessage)) throw error
      logEvent(this.options.log, {
        level: 'warn',
        event: 'redis',
        message: `ignored a malformed message on ${channel}: ${error.message}`,
      })
      return
    }
    if (message.instance === this.instance || message.report !== channel.slice(channelPrefix.length)) return
    this.listeners.get(message.report)?.(message)
  }
}
