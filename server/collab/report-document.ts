// One live report: its Y.Doc, its presence, its connections, and the update pipeline
// (decode and validate → authorize → persist durably → apply and broadcast).

import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Report } from '../../schema/report.ts'
import { yDocToReport, type UnfitBody } from '../../schema/ydoc.ts'
import type { LoadedLog, NewUpdate } from '../storage/storage.ts'
import type { Permissions } from './authorize-update.ts'
import { PresenceRefused, encodeAwarenessEntries, presenceState, type AwarenessGuard } from './awareness-guard.ts'
import { closeForbidden, closeMalformed, closeStorageFailed, closeTooLarge } from '../../schema/close-codes.ts'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, primeWholeAnswer, type IncomingMessage } from './protocol.ts'
import { replayLog, type UnreadableUpdate } from './replay-log.ts'
import { UpdateGuard, type Verdict } from './update-guard.ts'

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

/**
 * Reads what is stored after `after`, for catching up with other instances: the updates after it,
 * or, when compaction merged some of them, the latest checkpoint and the updates after that.
 */
export type ReadLogAfter = (after: number) => Promise<LoadedLog>

/** Where a document sends what the other instances must know (several instances, `server/cluster/`). */
export interface DocumentRelay {
  /** Updates this instance stored and applied, in seq order. */
  readonly changes: (document: ReportDocument, changes: readonly StoredChange[]) => void
  /** A presence update made by this instance's connections. */
  readonly presence: (document: ReportDocument, update: Uint8Array) => void
}

/** How a {@link ReportDocument} stores, reports and relays. */
export interface ReportDocumentOptions {
  /** Persists updates (the group commit). */
  readonly commit: CommitUpdate
  /** Reports a failed durable write (the registry then drops the document). */
  readonly onFailure: (document: ReportDocument, error: unknown) => void
  /** After every batch applied, this instance's or another's. */
  readonly onStored?: StoredHook
  /** Several instances: relays this instance's changes and presence. */
  readonly relay?: DocumentRelay
  /** Several instances: reads the log to catch up with what other instances stored. */
  readonly readLogAfter?: ReadLogAfter
  /** Most structs plus deletions one update may hold (4413 above); default the guard's. */
  readonly maxStructsPerUpdate?: number
  /** Told of each section body that did not fit the schema when the report was read (see {@link ReportDocument.report}). */
  readonly onUnfitBody?: (document: ReportDocument, unfit: UnfitBody) => void
}

/** The user recorded for the changes the server makes itself (repairs of merged bodies). */
export const serverUser = 'system'

/** An update that builds on content the server does not have yet: the guard's verdict. */
type Missing = Extract<Verdict, { kind: 'missing' }>

/** A connection's updates held while they build on content it has not sent yet: at most this many, this many bytes, this long. A reconnecting client sends the missing content one round trip later. */
const maxHeldUpdates = 1000
const maxHeldBytes = 16 * 1024 * 1024
const heldUpdateMs = 10_000

/** When a seq is missing (another instance stored it, the bus has not brought it yet), wait this long for the bus before reading storage: the bus takes about a millisecond. */
const gapWaitMs = 100

/** Origin of changes and presence that came from other instances (applied, broadcast, not relayed again). */
const fromOtherInstance = Symbol('from another instance')

interface Waiting {
  readonly update: Uint8Array
  /** The sending connection; undefined for a change the server made (restore, publish). */
  readonly peer: Peer | undefined
  readonly user: string
  seq: number | undefined
  /** Applied and broadcast together with the entry after it (an update and its repair). */
  readonly withNext?: boolean
  /** For a server change: resolves its promise once applied, or rejects it when the document fails. */
  readonly applied?: (seq: number) => void
  readonly rejected?: (error: unknown) => void
}

/** A loaded report with its live connections. */
export class ReportDocument {
  /** The live document (garbage collection on: history comes from the log). */
  readonly doc: Y.Doc
  /** Stored updates that could not be applied when the document was loaded (left out of it, kept in the log). */
  readonly unreadable: readonly UnreadableUpdate[]
  /** Presence of the connected users (of every instance). */
  readonly awareness: awarenessProtocol.Awareness
  /**
   * Every update with a seq up to this one is applied. With several instances, updates after it
   * may be applied too (see {@link exact}): another instance's seq in between has not arrived yet.
   */
  lastSeq: number
  /** Updates applied since the latest checkpoint (drives compaction on unload). */
  updatesSinceCheckpoint: number
  /** Set when a durable write failed: the document must be unloaded and reloaded from storage. */
  failed = false
  private readonly peers = new Set<Peer>()
  private readonly waiting: Waiting[] = []
  private readonly guard: UpdateGuard
  private settled: Array<() => void> = []
  /** Updates of a connection waiting for content the same connection has not sent yet (see {@link hold}). */
  private readonly held = new Map<Peer, { updates: Uint8Array[]; bytes: number; timer: NodeJS.Timeout }>()
  /** Seqs applied after {@link lastSeq} while one before them is missing. */
  private readonly ahead = new Set<number>()
  private gapTimer: NodeJS.Timeout | undefined
  private nextCatchUp: Promise<void> | undefined
  private catchUpTail: Promise<void> = Promise.resolve()
  private destroyed = false

  /** Builds the document from its log. */
  constructor(
    readonly id: string,
    log: LoadedLog,
    private readonly options: ReportDocumentOptions,
  ) {
    const replayed = replayLog(log)
    this.doc = replayed.doc
    this.unreadable = replayed.unreadable
    this.guard = new UpdateGuard({ live: this.doc, queued: () => this.waiting.map((entry) => entry.update), maxStructsPerUpdate: options.maxStructsPerUpdate })
    this.lastSeq = log.lastSeq
    this.updatesSinceCheckpoint = log.updates.length
    // Loaded from one piece (a checkpoint alone, or the import alone): that piece is the whole state.
    const pieces = [...(log.checkpoint ? [log.checkpoint.state] : []), ...log.updates.map((entry) => entry.update)]
    if (pieces.length === 1 && this.unreadable.length === 0) primeWholeAnswer(this.doc, pieces[0]!)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update)
      for (const peer of this.peers) if (peer !== origin) peer.send(message)
    })
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])
      const message = encodeAwareness(update)
      for (const peer of this.peers) peer.send(message)
      if (origin !== fromOtherInstance) this.options.relay?.presence(this, update)
    })
  }

  /**
   * True when the live doc holds exactly the log up to {@link lastSeq} (nothing applied after a
   * missing seq): only then may a version or checkpoint of it be recorded at that seq.
   */
  get exact(): boolean {
    return this.ahead.size === 0
  }

  /**
   * The report as it is now, read without changing the live doc; a body that does not fit the
   * schema is read alone and fitted, and reported to `onUnfitBody`.
   */
  report(): Report {
    return yDocToReport(this.doc, this.id, (unfit) => this.options.onUnfitBody?.(this, unfit))
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
    this.dropHeld(peer)
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
        if (verdict.own.length === 0) return
        let own
        try {
          const who = { username: peer.username, role: peer.permissions.role, actors: peer.permissions.actors }
          own = verdict.own.map((entry) => ({ ...entry, state: presenceState(entry.state, who) }))
        } catch (error) {
          if (!(error instanceof PresenceRefused)) throw error
          peer.close(closeTooLarge, error.message)
          return
        }
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), peer)
        return
      }
      case 'query-awareness':
        peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
        return
    }
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    const held = this.held.get(peer)
    if (held !== undefined) {
      held.updates.push(update)
      held.bytes += update.byteLength
      if (held.updates.length > maxHeldUpdates || held.bytes > maxHeldBytes) {
        this.dropHeld(peer)
        peer.close(closeMalformed, `more than ${maxHeldUpdates} updates or ${maxHeldBytes / 1024 / 1024} MiB building on content this connection has not sent`)
        return
      }
      this.retryHeld(peer)
      return
    }
    const outcome = this.tryUpdate(peer, update)
    if (typeof outcome === 'object') this.hold(peer, update, outcome)
  }

  /**
   * Analyses, authorizes and enqueues one update of `peer`. Returns the missing dependency when the
   * update builds on content this connection's own client has not sent yet (it may be held);
   * closes the connection for anything else that cannot be accepted.
   */
  private tryUpdate(peer: Peer, update: Uint8Array): 'accepted' | 'closed' | Missing {
    const verdict = this.guard.judge(update, peer.permissions)
    switch (verdict.kind) {
      case 'refused':
        peer.close(verdict.code, verdict.reason)
        return 'closed'
      case 'missing':
        if (verdict.client !== undefined && verdict.client === peer.awareness.clientId) return verdict
        peer.close(closeMalformed, verdict.reason)
        return 'closed'
      case 'accepted':
        // What is stored is the effect on the candidate, never the bytes as received.
        if (verdict.effect !== undefined) this.enqueue({ update: verdict.effect, peer, user: peer.username, seq: undefined, withNext: verdict.repair !== undefined })
        if (verdict.repair !== undefined) this.enqueue({ update: verdict.repair, peer: undefined, user: serverUser, seq: undefined })
        return 'accepted'
    }
  }

  /**
   * Holds an update that builds on the connection's own unsent content. A stock client that typed
   * while reconnecting sends those new edits as soon as the socket opens, and the older unsent ones
   * only in its sync step 2, after the server's step 1: the update comes before what it builds on.
   * Nothing held is stored or shown to anyone until it can be authorized; held too long or too
   * much, the connection is closed (4400) as before.
   */
  private hold(peer: Peer, update: Uint8Array, reason: Missing): void {
    const timer = setTimeout(() => {
      if (!this.held.has(peer)) return
      this.dropHeld(peer)
      peer.close(closeMalformed, `${reason.reason} (still missing after ${heldUpdateMs / 1000} s)`)
    }, heldUpdateMs)
    timer.unref()
    this.held.set(peer, { updates: [update], bytes: update.byteLength, timer })
  }

  /** Tries the held updates of `peer` again, in order, until none can go further. */
  private retryHeld(peer: Peer): void {
    const held = this.held.get(peer)
    if (held === undefined) return
    for (let progress = true; progress && held.updates.length > 0; ) {
      progress = false
      for (let i = 0; i < held.updates.length; i++) {
        const outcome = this.tryUpdate(peer, held.updates[i]!)
        if (outcome === 'closed') {
          this.dropHeld(peer)
          return
        }
        if (outcome === 'accepted') {
          held.bytes -= held.updates[i]!.byteLength
          held.updates.splice(i--, 1)
          progress = true
        }
      }
    }
    if (held.updates.length === 0) this.dropHeld(peer)
  }

  private dropHeld(peer: Peer): void {
    const held = this.held.get(peer)
    if (held === undefined) return
    clearTimeout(held.timer)
    this.held.delete(peer)
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
    this.guard.follow(update)
    return new Promise((resolve, reject) => {
      this.enqueue({ update, peer: undefined, user, seq: undefined, applied: resolve, rejected: reject })
    })
  }

  private enqueue(entry: Waiting): void {
    this.waiting.push(entry)
    this.options.commit({ report: this.id, update: entry.update, user: entry.user, time: Date.now() }).then(
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
    const relayed: StoredChange[] = []
    while (!this.failed) {
      // An update and the repair stored after it are applied (and so broadcast) as one: no
      // connection ever receives the body in between, which a read-only editor would "repair".
      let size = 1
      while (size <= this.waiting.length && this.waiting[size - 1]!.withNext === true) size++
      const group = this.waiting.slice(0, size)
      if (group.length < size || group.some((entry) => entry.seq === undefined)) break
      this.waiting.splice(0, size)
      // A server change (or a group with one) has no sending connection: every connection receives it.
      const origin = size === 1 ? (group[0]!.peer ?? this) : this
      this.doc.transact(() => {
        for (const entry of group) Y.applyUpdate(this.doc, entry.update, origin)
      }, origin)
      for (const entry of group) {
        const change = { seq: entry.seq!, user: entry.user, update: entry.update }
        // A catch-up may have read it back from storage first (several instances): applied once.
        if (this.markApplied(change.seq)) stored.push(change)
        relayed.push(change)
        entry.applied?.(entry.seq!)
      }
    }
    if (stored.length > 0) this.options.onStored?.(this, stored)
    if (relayed.length > 0) this.options.relay?.changes(this, relayed)
    if (this.waiting.length === 0) this.resolveSettled()
    this.watchForGap()
  }

  /** Records that the update with `seq` is applied; false when it already was. */
  private markApplied(seq: number): boolean {
    if (this.isApplied(seq)) return false
    this.updatesSinceCheckpoint++
    this.ahead.add(seq)
    while (this.ahead.delete(this.lastSeq + 1)) this.lastSeq++
    return true
  }

  private isApplied(seq: number): boolean {
    return seq <= this.lastSeq || this.ahead.has(seq)
  }

  /**
   * Applies updates another instance stored (relayed by the bus or read back from storage), skipping
   * those already applied, and broadcasts them to this instance's connections.
   */
  applyStoredElsewhere(changes: readonly StoredChange[]): void {
    if (this.failed || this.destroyed) return
    const fresh = [...changes].filter((change) => !this.isApplied(change.seq)).sort((a, b) => a.seq - b.seq)
    if (fresh.length === 0) return
    this.doc.transact(() => {
      for (const change of fresh) Y.applyUpdate(this.doc, change.update, this)
    }, this)
    for (const change of fresh) this.guard.follow(change.update)
    for (const change of fresh) this.markApplied(change.seq)
    this.options.onStored?.(this, fresh)
    this.watchForGap()
    for (const peer of [...this.held.keys()]) this.retryHeld(peer)
  }

  /** Applies presence from another instance's connections and passes it to this instance's. */
  applyPresenceElsewhere(update: Uint8Array): void {
    if (this.destroyed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, fromOtherInstance)
  }

  /** A seq is missing: give the bus a moment to bring it, then read it from storage. */
  private watchForGap(): void {
    if (this.ahead.size === 0 || this.gapTimer !== undefined || this.options.readLogAfter === undefined) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined
      if (this.ahead.size > 0) this.catchUp().catch(() => {})
    }, gapWaitMs)
    this.gapTimer.unref()
  }

  /**
   * Reads from storage what other instances stored after {@link lastSeq} and applies it. Resolves
   * once a read that started after this call is applied, so a connection that joins after it sees
   * everything stored before it joined. Without several instances it resolves at once.
   */
  catchUp(): Promise<void> {
    const read = this.options.readLogAfter
    if (read === undefined || this.failed || this.destroyed) return Promise.resolve()
    // A catch-up queued but not started yet reads everything stored before this call: join it.
    if (this.nextCatchUp === undefined) {
      const next = this.catchUpTail.then(async () => {
        this.nextCatchUp = undefined
        if (this.failed || this.destroyed) return
        const log = await read(this.lastSeq)
        if (this.failed || this.destroyed) return
        const checkpoint = log.checkpoint
        if (checkpoint !== undefined && !this.isApplied(checkpoint.seq)) {
          // Compaction merged updates this instance never saw: the checkpoint holds them.
          this.doc.transact(() => Y.applyUpdate(this.doc, checkpoint.state, this), this)
          this.guard.reset()
          this.updatesSinceCheckpoint = 0
          for (const seq of this.ahead) if (seq <= checkpoint.seq) this.ahead.delete(seq)
          this.lastSeq = Math.max(this.lastSeq, checkpoint.seq)
          while (this.ahead.delete(this.lastSeq + 1)) this.lastSeq++
          this.options.onStored?.(this, [{ seq: checkpoint.seq, user: 'system', update: checkpoint.state }])
        }
        this.applyStoredElsewhere(log.updates.map(({ seq, user, update }) => ({ seq, user, update })))
      })
      this.nextCatchUp = next
      this.catchUpTail = next.catch(() => {})
    }
    return this.nextCatchUp
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.guard.reset()
    for (const entry of this.waiting.splice(0)) entry.rejected?.(error)
    for (const peer of this.peers) peer.close(closeStorageFailed, 'the server could not store a change; reconnect to resend it')
    this.resolveSettled()
    this.options.onFailure(this, error)
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
    this.destroyed = true
    if (this.gapTimer) clearTimeout(this.gapTimer)
    for (const peer of [...this.held.keys()]) this.dropHeld(peer)
    this.peers.clear()
    this.awareness.destroy()
    this.guard.reset()
    this.doc.destroy()
  }
}
