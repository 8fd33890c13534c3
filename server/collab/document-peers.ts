// The connections of one live report and their presence (y-protocols awareness).

import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { closeForbidden, closeTooLarge } from '../../schema/close-codes.ts'
import type { Permissions } from './authorize-update.ts'
import { PresenceRefused, encodeAwarenessEntries, presenceState, type AwarenessGuard } from './awareness-guard.ts'
import { encodeAwareness, encodeSyncStep1, encodeUpdate, type IncomingMessage } from './protocol.ts'

/** A connection as a document sees it. */
export interface Peer {
  /** Who is connected (recorded with every update). */
  readonly username: string
  /** What the user may change. */
  readonly permissions: Permissions
  /** The awareness client id this connection is bound to. */
  readonly awareness: AwarenessGuard
  /** Sends a message to the client (ignored once closed). */
  send(message: Uint8Array): void
  /** Closes the connection with a close code and a reason. */
  close(code: number, reason: string): void
  /** True once closed: later messages are dropped. */
  readonly closed: boolean
}

/** The signed-in name a relayed presence state shows (`presenceState` writes it), if any. */
function presenceName(state: unknown): string | undefined {
  const user = (state as { user?: { name?: unknown } } | undefined)?.user
  return typeof user?.name === 'string' ? user.name : undefined
}

/** Origin of presence that came from other instances (applied and passed on, not relayed again). */
const fromOtherInstance = Symbol('from another instance')

/**
 * The connections of a document: each receives every change of the live doc except its own, and
 * the presence of everyone (of every instance). A connection may speak only for its own awareness
 * client id, and the server writes its name and actor itself (`presenceState`).
 */
export class DocumentPeers {
  /** Presence of the connected users (of every instance). */
  readonly awareness: awarenessProtocol.Awareness
  private readonly peers = new Set<Peer>()
  /** The user whose connection was last bound to each awareness client id (a reconnect re-binds it). */
  private readonly holders = new Map<number, string>()

  /** `relayPresence` hears the presence changes this instance's connections make. */
  constructor(
    private readonly doc: Y.Doc,
    relayPresence: ((update: Uint8Array) => void) | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update)
      for (const peer of this.peers) if (peer !== origin) peer.send(message)
    })
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])
        const message = encodeAwareness(update)
        for (const peer of this.peers) peer.send(message)
        if (origin !== fromOtherInstance) relayPresence?.(update)
      },
    )
  }

  /** Number of connections. */
  get size(): number {
    return this.peers.size
  }

  /** Every connection. */
  [Symbol.iterator](): IterableIterator<Peer> {
    return this.peers.values()
  }

  /** Adds a connection: sends sync step 1 and the current presence. */
  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)))
  }

  /** Removes a connection and, unless another connection shares its client id, its presence; false when it was not here. */
  leave(peer: Peer): boolean {
    if (!this.peers.delete(peer)) return false
    const id = peer.awareness.clientId
    const stillUsed = [...this.peers].some((other) => other.awareness.clientId === id)
    if (id !== undefined && !stillUsed && this.awareness.getStates().has(id))
      awarenessProtocol.removeAwarenessStates(this.awareness, [id], 'leave')
    return true
  }

  /** Applies an awareness message of `peer`: its own entries only (4403 otherwise), at most 4 KiB each (4413). */
  receiveAwareness(peer: Peer, entries: Extract<IncomingMessage, { kind: 'awareness' }>['entries']): void {
    const verdict = peer.awareness.judge(
      entries,
      (id) => this.awareness.meta.get(id)?.clock,
      // A reconnecting client may reuse its id while its old socket is still open: same user, allowed.
      (id) =>
        [...this.peers].some(
          (other) => other !== peer && other.username !== peer.username && other.awareness.clientId === id,
        ),
      // Held here before, or shown as this user's (a connection to another instance held it).
      (id) =>
        this.holders.get(id) === peer.username || presenceName(this.awareness.getStates().get(id)) === peer.username,
    )
    if (peer.awareness.clientId !== undefined) this.holders.set(peer.awareness.clientId, peer.username)
    if (verdict.refused.length > 0) {
      peer.close(
        closeForbidden,
        `awareness for client ids not this connection's: ${verdict.refused.slice(0, 3).join(', ')}`,
      )
      return
    }
    if (verdict.own.length === 0) return
    let own: typeof verdict.own
    try {
      const who = { username: peer.username, role: peer.permissions.role, actors: peer.permissions.actors }
      own = verdict.own.map((entry) => ({ ...entry, state: presenceState(entry.state, who) }))
    } catch (error) {
      if (!(error instanceof PresenceRefused)) throw error
      peer.close(closeTooLarge, error.message)
      return
    }
    // A re-sent presence whose state the server dropped when the earlier connection left: one
    // clock on, or the server would take it for what it has and show no one.
    const shown = own.map((entry) =>
      entry.state !== null &&
      !this.awareness.getStates().has(entry.clientId) &&
      this.awareness.meta.get(entry.clientId)?.clock === entry.clock
        ? { ...entry, clock: entry.clock + 1 }
        : entry,
    )
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(shown), peer)
  }

  /** Answers a query for everyone's presence. */
  sendPresence(peer: Peer): void {
    peer.send(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])),
    )
  }

  /** Applies presence from another instance's connections and passes it to this instance's. */
  applyPresenceElsewhere(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, fromOtherInstance)
  }

  /** Closes every connection with `code`. */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  /** Forgets every connection and the presence. */
  destroy(): void {
    this.peers.clear()
    this.awareness.destroy()
  }
}
