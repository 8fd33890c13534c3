// One live report: its Y.Doc, its presence, its connections, and the update pipeline
// (decode and validate → authorize → persist durably → apply and broadcast).

import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { LoadedLog, NewUpdate } from '../storage/storage.ts'
import { forbiddenRoots, type Permissions } from './authorize-update.ts'
import { encodeAwarenessEntries, type AwarenessGuard } from './awareness-guard.ts'
import { closeForbidden, closeMalformed, closeStorageFailed } from './close-codes.ts'
import { PendingStructs, type StructRun } from './pending-structs.ts'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type IncomingMessage } from './protocol.ts'
import { UnresolvableUpdate, analyzeUpdate } from './update-analysis.ts'

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

/** Durably appends one update to the log; resolves with its seq. */
export type CommitUpdate = (update: NewUpdate) => Promise<number>

/** An update as stored and applied: its seq, its user and the update itself. */
export interface StoredChange {
  readonly seq: number
  readonly user: string
  readonly update: Uint8Array
}

/** Called after a batch of updates was stored and applied to the live doc (must not throw). */
export type StoredHook = (document: ReportDocument, changes: readonly StoredChange[]) => void

interface Waiting {
  readonly update: Uint8Array
  /** The sending connection; undefined for a change the server made (restore, publish). */
  readonly peer: Peer | undefined
  readonly user: string
  readonly runs: readonly StructRun[]
  seq: number | undefined
  /** For a server change: resolves its promise once applied, or rejects it when the document fails. */
  readonly applied?: (seq: number) => void
  readonly rejected?: (error: unknown) => void
}

/** A loaded report with its live connections. */
export class ReportDocument {
  /** The live document (garbage collection on: history comes from the log). */
  readonly doc = new Y.Doc({ gc: true })
  /** Presence of the connected users. */
  readonly awareness: awarenessProtocol.Awareness
  /** Seq of the last update applied. */
  lastSeq: number
  /** Updates applied since the latest checkpoint (drives compaction on unload). */
  updatesSinceCheckpoint: number
  /** Set when a durable write failed: the document must be unloaded and reloaded from storage. */
  failed = false
  private readonly peers = new Set<Peer>()
  private readonly pending = new PendingStructs()
  private readonly waiting: Waiting[] = []
  private settled: Array<() => void> = []

  /** Builds the document from its log; `commit` persists updates, `onFailure` reports a failed write. */
  constructor(
    readonly id: string,
    log: LoadedLog,
    private readonly commit: CommitUpdate,
    private readonly onFailure: (document: ReportDocument, error: unknown) => void,
    private readonly onStored?: StoredHook,
  ) {
    this.doc.transact(() => {
      if (log.checkpoint) Y.applyUpdate(this.doc, log.checkpoint.state)
      for (const entry of log.updates) Y.applyUpdate(this.doc, entry.update)
    })
    this.lastSeq = log.lastSeq
    this.updatesSinceCheckpoint = log.updates.length
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update)
      for (const peer of this.peers) if (peer !== origin) peer.send(message)
    })
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]))
      for (const peer of this.peers) peer.send(message)
    })
  }

  /** Number of connections. */
  get peerCount(): number {
    return this.peers.size
  }

  /** Adds a connection: sends sync step 1 and the current presence. */
  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)))
  }

  /** Removes a connection and its presence. */
  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const id = peer.awareness.clientId
    const stillUsed = [...this.peers].some((other) => other.awareness.clientId === id)
    if (id !== undefined && !stillUsed && this.awareness.getStates().has(id)) awarenessProtocol.removeAwarenessStates(this.awareness, [id], 'leave')
  }

  /** Handles one parsed message from `peer`. */
  receive(peer: Peer, message: IncomingMessage): void {
    if (peer.closed || this.failed) return
    switch (message.kind) {
      case 'sync-step-1':
        peer.send(encodeSyncStep2(this.doc, message.stateVector))
        return
      case 'update':
        this.receiveUpdate(peer, message.update)
        return
      case 'awareness': {
        const verdict = peer.awareness.judge(
          message.entries,
          (id) => this.awareness.meta.get(id)?.clock,
          // A reconnecting client may reuse its id while its old socket is still open: same user, allowed.
          (id) => [...this.peers].some((other) => other !== peer && other.username !== peer.username && other.awareness.clientId === id),
        )
        if (verdict.refused.length > 0) {
          peer.close(closeForbidden, `awareness for client ids not this connection's: ${verdict.refused.slice(0, 3).join(', ')}`)
          return
        }
        if (verdict.own.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(verdict.own), peer)
        return
      }
      case 'query-awareness':
        peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
        return
    }
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    let analysis
    try {
      analysis = analyzeUpdate(this.doc, update, this.pending)
    } catch (error) {
      if (!(error instanceof UnresolvableUpdate)) throw error
      peer.close(closeMalformed, error.message)
      return
    }
    if (!analysis.changed) return
    const refused = forbiddenRoots(this.doc, analysis.roots, peer.permissions)
    if (refused.length > 0) {
      peer.close(closeForbidden, `${peer.permissions.role} may not change ${refused.slice(0, 3).join(', ')}${refused.length > 3 ? ', …' : ''}`)
      return
    }
    this.enqueue({ update, peer, user: peer.username, runs: analysis.runs, seq: undefined })
  }

  /**
   * Makes a change on the server's behalf (restore, publish) and sends it through the pipeline
   * like any client's: `change` runs on a copy of the live doc, the difference is stored as `user`,
   * then applied and broadcast to every connection. Resolves with its seq once applied, or
   * undefined when `change` changed nothing.
   */
  applyServerChange(user: string, change: (doc: Y.Doc) => void): Promise<number | undefined> {
    if (this.failed) return Promise.reject(new Error(`the document "${this.id}" failed to store a change and is being reloaded`))
    const copy = new Y.Doc({ gc: true })
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc))
    const before = Y.encodeStateVector(copy)
    let touched = false
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) touched = true
    })
    change(copy)
    const update = Y.encodeStateAsUpdate(copy, before)
    copy.destroy()
    if (!touched) return Promise.resolve(undefined)
    return new Promise((resolve, reject) => {
      this.enqueue({ update, peer: undefined, user, runs: [], seq: undefined, applied: resolve, rejected: reject })
    })
  }

  private enqueue(entry: Waiting): void {
    this.pending.add(entry.runs)
    this.waiting.push(entry)
    this.commit({ report: this.id, update: entry.update, user: entry.user, time: Date.now() }).then(
      (seq) => {
        entry.seq = seq
        try {
          this.applyStored()
        } catch (error) {
          this.fail(error)
        }
      },
      (error: unknown) => this.fail(error),
    )
  }

  /** Applies, in arrival order, every update whose durable write is done; the doc's update event broadcasts it. */
  private applyStored(): void {
    const stored: StoredChange[] = []
    while (this.waiting.length > 0 && this.waiting[0]!.seq !== undefined && !this.failed) {
      const entry = this.waiting.shift()!
      // A server change has no sending connection: every connection receives it.
      Y.applyUpdate(this.doc, entry.update, entry.peer ?? this)
      this.pending.remove(entry.runs)
      this.lastSeq = entry.seq!
      this.updatesSinceCheckpoint++
      stored.push({ seq: entry.seq!, user: entry.user, update: entry.update })
      entry.applied?.(entry.seq!)
    }
    if (stored.length > 0) this.onStored?.(this, stored)
    if (this.waiting.length === 0) this.resolveSettled()
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    for (const entry of this.waiting.splice(0)) entry.rejected?.(error)
    for (const peer of this.peers) peer.close(closeStorageFailed, 'the server could not store a change; reconnect to resend it')
    this.resolveSettled()
    this.onFailure(this, error)
  }

  private resolveSettled(): void {
    const waiters = this.settled
    this.settled = []
    for (const resolve of waiters) resolve()
  }

  /** Resolves when every accepted update has been stored and applied (or the document failed). */
  settle(): Promise<void> {
    if (this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.settled.push(resolve))
  }

  /** Closes every connection with `code`; accepted updates still get stored and applied. */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  /** Frees the document (after {@link closeAll} and {@link settle}). */
  destroy(): void {
    this.peers.clear()
    this.awareness.destroy()
    this.doc.destroy()
  }
}
