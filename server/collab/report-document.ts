// One live report and its update pipeline (decode and validate → authorize → persist durably →
// apply and broadcast). Its other jobs have a module each: the connections and their presence
// (`document-peers.ts`), updates held for content not sent yet (`held-updates.ts`), the applied
// seqs (`applied-seqs.ts`), catching up with other instances (`catch-up.ts`) and the server's own
// changes (`server-change.ts`).

import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { closeMalformed, closeStorageFailed } from '../../schema/close-codes.ts'
import type { Report } from '../../schema/report.ts'
import { type UnfitBody, yDocToReport } from '../../schema/ydoc.ts'
import type { LoadedLog, NewUpdate } from '../storage/storage.ts'
import { AppliedSeqs } from './applied-seqs.ts'
import { CatchUp, type ReadLogAfter } from './catch-up.ts'
import { DocumentPeers, type Peer } from './document-peers.ts'
import { type HeldOutcome, HeldUpdates } from './held-updates.ts'
import { encodeSyncStep2, primeWholeAnswer, type IncomingMessage } from './protocol.ts'
import { replayLog, type UnreadableUpdate } from './replay-log.ts'
import { serverChangeUpdate } from './server-change.ts'
import { UpdateGuard } from './update-guard.ts'

export type { Peer } from './document-peers.ts'
export type { ReadLogAfter } from './catch-up.ts'

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
  /** Several instances: told of a catch-up that failed with nobody waiting for it (the one place these are reported). */
  readonly onCatchUpFailure?: (document: ReportDocument, error: unknown) => void
  /** Most structs plus deletions one update may hold (4413 above); default the guard's. */
  readonly maxStructsPerUpdate?: number
  /** Told of each section body that did not fit the schema when the report was read (see {@link ReportDocument.report}). */
  readonly onUnfitBody?: (document: ReportDocument, unfit: UnfitBody) => void
}

/** The user recorded for the changes the server makes itself (repairs of merged bodies). */
export const serverUser = 'system'

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
  /** Updates applied since the latest checkpoint (drives compaction on unload). */
  updatesSinceCheckpoint: number
  /** Set when a durable write failed: the document must be unloaded and reloaded from storage. */
  failed = false
  private readonly peers: DocumentPeers
  private readonly held: HeldUpdates
  private readonly applied: AppliedSeqs
  private readonly catchUps: CatchUp
  private readonly waiting: Waiting[] = []
  private readonly guard: UpdateGuard
  private settled: Array<() => void> = []
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
    this.guard = new UpdateGuard({
      live: this.doc,
      queued: () => this.waiting.map((entry) => entry.update),
      maxStructsPerUpdate: options.maxStructsPerUpdate,
    })
    this.applied = new AppliedSeqs(log.lastSeq)
    this.updatesSinceCheckpoint = log.updates.length
    // Loaded from one piece (a checkpoint alone, or the import alone): that piece is the whole state.
    const pieces = [...(log.checkpoint ? [log.checkpoint.state] : []), ...log.updates.map((entry) => entry.update)]
    if (pieces.length === 1 && this.unreadable.length === 0) primeWholeAnswer(this.doc, pieces[0]!)
    const relay = options.relay
    this.peers = new DocumentPeers(this.doc, relay && ((update) => relay.presence(this, update)))
    this.held = new HeldUpdates((peer, update) => this.tryUpdate(peer, update))
    this.catchUps = new CatchUp({
      read: options.readLogAfter,
      lastSeq: () => this.applied.last,
      apply: (read) => this.applyRead(read),
      live: () => !this.failed && !this.destroyed,
      onBackgroundFailure: (error) => this.options.onCatchUpFailure?.(this, error),
    })
  }

  /** Presence of the connected users (of every instance). */
  get awareness(): awarenessProtocol.Awareness {
    return this.peers.awareness
  }

  /**
   * Every update with a seq up to this one is applied. With several instances, updates after it
   * may be applied too (see {@link exact}): another instance's seq in between has not arrived yet.
   */
  get lastSeq(): number {
    return this.applied.last
  }

  /**
   * True when the live doc holds exactly the log up to {@link lastSeq} (nothing applied after a
   * missing seq): only then may a version or checkpoint of it be recorded at that seq.
   */
  get exact(): boolean {
    return this.applied.exact
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
    this.peers.join(peer)
  }

  /** Removes a connection, its held updates and its presence. */
  leave(peer: Peer): void {
    this.held.drop(peer)
    this.peers.leave(peer)
  }

  /** Handles one parsed message from `peer`. */
  receive(peer: Peer, message: IncomingMessage): void {
    if (peer.closed || this.failed) return
    switch (message.kind) {
      case 'sync-step-1':
        peer.send(encodeSyncStep2(this.doc, message.stateVector))
        return
      case 'update':
        if (this.held.holds(peer)) {
          this.held.add(peer, message.update)
          return
        }
        this.tryUpdate(peer, message.update, true)
        return
      case 'awareness':
        this.peers.receiveAwareness(peer, message.entries)
        return
      case 'query-awareness':
        this.peers.sendPresence(peer)
        return
    }
  }

  /**
   * Judges, authorizes and enqueues one update of `peer`. An update that builds on content this
   * connection's own client has not sent yet is 'missing' (held when `holdIfMissing`); anything
   * else that cannot be accepted closes the connection.
   */
  private tryUpdate(peer: Peer, update: Uint8Array, holdIfMissing = false): HeldOutcome {
    const verdict = this.guard.judge(update, peer.permissions)
    switch (verdict.kind) {
      case 'refused':
        peer.close(verdict.code, verdict.reason)
        return 'closed'
      case 'missing':
        if (verdict.client === undefined || verdict.client !== peer.awareness.clientId) {
          peer.close(closeMalformed, verdict.reason)
          return 'closed'
        }
        if (holdIfMissing) this.held.hold(peer, update, verdict.reason)
        return 'missing'
      case 'accepted':
        // What is stored is the effect on the candidate, never the bytes as received.
        if (verdict.effect !== undefined) {
          this.enqueue({
            update: verdict.effect,
            peer,
            user: peer.username,
            seq: undefined,
            withNext: verdict.repair !== undefined,
          })
        }
        if (verdict.repair !== undefined)
          this.enqueue({ update: verdict.repair, peer: undefined, user: serverUser, seq: undefined })
        return 'accepted'
    }
  }

  /**
   * Makes a change on the server's behalf (restore, publish) and sends it through the pipeline
   * like any client's: `change` runs on a copy of the live doc, the difference is stored as `user`,
   * then applied and broadcast to every connection. Resolves with its seq once applied, or
   * undefined when `change` changed nothing.
   */
  applyServerChange(user: string, change: (doc: Y.Doc) => void): Promise<number | undefined> {
    if (this.failed)
      return Promise.reject(new Error(`the document "${this.id}" failed to store a change and is being reloaded`))
    const update = serverChangeUpdate(this.doc, change)
    if (update === undefined) return Promise.resolve(undefined)
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
    this.catchUps.watchGap(() => !this.applied.exact)
  }

  /** Records that the update with `seq` is applied; false when it already was. */
  private markApplied(seq: number): boolean {
    if (!this.applied.add(seq)) return false
    this.updatesSinceCheckpoint++
    return true
  }

  /**
   * Applies updates another instance stored (relayed by the bus or read back from storage), skipping
   * those already applied, and broadcasts them to this instance's connections.
   */
  applyStoredElsewhere(changes: readonly StoredChange[]): void {
    if (this.failed || this.destroyed) return
    const fresh = [...changes].filter((change) => !this.applied.has(change.seq)).sort((a, b) => a.seq - b.seq)
    if (fresh.length === 0) return
    this.doc.transact(() => {
      for (const change of fresh) Y.applyUpdate(this.doc, change.update, this)
    }, this)
    for (const change of fresh) this.guard.follow(change.update)
    for (const change of fresh) this.markApplied(change.seq)
    this.options.onStored?.(this, fresh)
    this.catchUps.watchGap(() => !this.applied.exact)
    this.held.retryEveryone()
  }

  /** Applies what a catch-up read from storage: a checkpoint of updates never seen here, then the updates after it. */
  private applyRead(log: LoadedLog): void {
    const checkpoint = log.checkpoint
    if (checkpoint !== undefined && !this.applied.has(checkpoint.seq)) {
      // Compaction merged updates this instance never saw: the checkpoint holds them.
      this.doc.transact(() => Y.applyUpdate(this.doc, checkpoint.state, this), this)
      this.guard.reset()
      this.updatesSinceCheckpoint = 0
      this.applied.addThrough(checkpoint.seq)
      this.options.onStored?.(this, [{ seq: checkpoint.seq, user: serverUser, update: checkpoint.state }])
    }
    this.applyStoredElsewhere(log.updates.map(({ seq, user, update }) => ({ seq, user, update })))
  }

  /** Applies presence from another instance's connections and passes it to this instance's. */
  applyPresenceElsewhere(update: Uint8Array): void {
    if (this.destroyed) return
    this.peers.applyPresenceElsewhere(update)
  }

  /**
   * Reads from storage what other instances stored after {@link lastSeq} and applies it. Resolves
   * once a read that started after this call is applied, so a connection that joins after it sees
   * everything stored before it joined. Without several instances it resolves at once.
   */
  catchUp(): Promise<void> {
    return this.catchUps.run()
  }

  /** Catches up with nobody waiting: a failure goes to `onCatchUpFailure`. */
  catchUpInBackground(): void {
    this.catchUps.inBackground()
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.guard.reset()
    for (const entry of this.waiting.splice(0)) entry.rejected?.(error)
    this.peers.closeAll(closeStorageFailed, 'the server could not store a change; reconnect to resend it')
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
    this.peers.closeAll(code, reason)
  }

  /** Frees the document (after {@link closeAll} and {@link settle}). */
  destroy(): void {
    this.destroyed = true
    this.catchUps.stop()
    this.held.clear()
    this.peers.destroy()
    this.guard.reset()
    this.doc.destroy()
  }
}
