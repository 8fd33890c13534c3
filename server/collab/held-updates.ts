// Updates of a connection that build on content the same connection has not sent yet.

import type { Peer } from './document-peers.ts'
import { closeMalformed } from '../../schema/close-codes.ts'

/** A connection's updates are held at most this many, this many bytes, this long. A reconnecting client sends the missing content one round trip later. */
const maxHeldUpdates = 1000
const maxHeldBytes = 16 * 1024 * 1024
const heldUpdateMs = 10_000

/** What trying an update again gave: stored, the connection closed, or still missing what it builds on. */
export type HeldOutcome = 'accepted' | 'closed' | 'missing'

/**
 * Holds an update that builds on the connection's own unsent content. A stock client that typed
 * while reconnecting sends those new edits as soon as the socket opens, and the older unsent ones
 * only in its sync step 2, after the server's step 1: the update comes before what it builds on.
 * Nothing held is stored or shown to anyone until it can be authorized; held too long or too
 * much, the connection is closed (4400).
 */
export class HeldUpdates {
  private readonly held = new Map<Peer, { updates: Uint8Array[]; bytes: number; timer: NodeJS.Timeout }>()

  /** `retry` tries one held update of a connection again (the document's pipeline). */
  constructor(private readonly retry: (peer: Peer, update: Uint8Array) => HeldOutcome) {}

  /** True while `peer` has updates held: its next ones queue behind them. */
  holds(peer: Peer): boolean {
    return this.held.has(peer)
  }

  /** Starts holding for `peer`, with `reason` saying what is missing. */
  hold(peer: Peer, update: Uint8Array, reason: string): void {
    const timer = setTimeout(() => {
      if (!this.held.has(peer)) return
      this.drop(peer)
      peer.close(closeMalformed, `${reason} (still missing after ${heldUpdateMs / 1000} s)`)
    }, heldUpdateMs)
    timer.unref()
    this.held.set(peer, { updates: [update], bytes: update.byteLength, timer })
  }

  /** Queues a later update of `peer` behind its held ones, then tries them all again. */
  add(peer: Peer, update: Uint8Array): void {
    const held = this.held.get(peer)
    if (held === undefined) return
    held.updates.push(update)
    held.bytes += update.byteLength
    if (held.updates.length > maxHeldUpdates || held.bytes > maxHeldBytes) {
      this.drop(peer)
      peer.close(
        closeMalformed,
        `more than ${maxHeldUpdates} updates or ${maxHeldBytes / 1024 / 1024} MiB building on content this connection has not sent`,
      )
      return
    }
    this.retryAll(peer)
  }

  /** Tries the held updates of `peer` again, in order, until none can go further. */
  retryAll(peer: Peer): void {
    const held = this.held.get(peer)
    if (held === undefined) return
    for (let progress = true; progress && held.updates.length > 0; ) {
      progress = false
      for (let i = 0; i < held.updates.length; i++) {
        const outcome = this.retry(peer, held.updates[i]!)
        if (outcome === 'closed') {
          this.drop(peer)
          return
        }
        if (outcome === 'accepted') {
          held.bytes -= held.updates[i]!.byteLength
          held.updates.splice(i--, 1)
          progress = true
        }
      }
    }
    if (held.updates.length === 0) this.drop(peer)
  }

  /** Tries every connection's held updates again (content arrived from elsewhere). */
  retryEveryone(): void {
    for (const peer of [...this.held.keys()]) this.retryAll(peer)
  }

  /** Forgets what `peer` has held. */
  drop(peer: Peer): void {
    const held = this.held.get(peer)
    if (held === undefined) return
    clearTimeout(held.timer)
    this.held.delete(peer)
  }

  /** Forgets everything held. */
  clear(): void {
    for (const peer of [...this.held.keys()]) this.drop(peer)
  }
}
