// Makes versions: automatic ones after a pause in editing (and at most every few minutes during
// long sessions, skipped when nothing changed), named, restore and published ones; writes a
// checkpoint at every version and every few hundred updates so any state rebuilds fast.

import * as Y from 'yjs'
import type { Report } from '../../schema/report.ts'
import type { ReportDocument, StoredChange } from '../collab/report-document.ts'
import { StorageError, type Storage, type VersionKind, type VersionRecord } from '../storage/storage.ts'
import { logEvent } from '../log.ts'
import { logAuthors } from './log-authors.ts'
import { contentHashes, sameHashes } from './section-hashes.ts'

/** Default pause after the last stored update before an automatic version: a minute without typing ends a working spell. */
export const defaultVersionPauseMs = 60 * 1000

/** Default longest time a change stays unversioned while people keep typing: five minutes of work is worth a restore point. */
export const defaultVersionMaxIntervalMs = 5 * 60 * 1000

/** A checkpoint is written after this many updates since the previous one: rebuilding any seq replays at most this many (≈ tens of ms). */
export const checkpointEveryUpdates = 400

/** Options of {@link VersionKeeper}. */
export interface VersionKeeperOptions {
  /** Pause after the last stored update before an automatic version. */
  readonly pauseMs: number
  /** Longest time a change stays without a version during continuous editing. */
  readonly maxIntervalMs: number
  /** Where to report failures. */
  readonly log: (line: string) => void
}

/** What to make: a kind, who asks, and a name for named versions. */
export interface VersionRequest {
  readonly kind: VersionKind
  readonly user: string
  readonly name?: string
  /** For `published`: why it is published before every section was approved in both languages. */
  readonly reason?: string | undefined
  /** For `auto`: make it even when nothing changed (the version before a restore), reusing one already at this seq. */
  readonly always?: boolean
}

/**
 * The version holding the latest state: the greatest seq (newest on ties). Not simply the newest
 * version: publishing an old version adds a pointer at an old seq, and changes are counted from the
 * latest state versioned, whose log entries compaction keeps.
 */
function latestState(versions: readonly VersionRecord[]): VersionRecord | undefined {
  return versions.reduce<VersionRecord | undefined>(
    (best, version) => (best === undefined || version.seq > best.seq ? version : best),
    undefined,
  )
}

interface Tracked {
  timer: NodeJS.Timeout | undefined
  /** When the first change not yet in a version was stored (ms), if any. */
  unversionedSince: number | undefined
  lastCheckpointSeq: number
  /** A checkpoint is due and will be taken after the current turn. */
  checkpointDue: boolean
  /** Version making and checkpoints of this document, one at a time. */
  queue: Promise<unknown>
}

/** Makes and schedules the versions of loaded documents. One instance per server (see ARCHITECTURE.md). */
export class VersionKeeper {
  private readonly tracked = new Map<ReportDocument, Tracked>()

  /** `storage` keeps versions and checkpoints. */
  constructor(
    private readonly storage: Storage,
    private readonly options: VersionKeeperOptions,
  ) {}

  /** Starts tracking a loaded document; schedules a version when its log has changes after the latest version. */
  loaded(document: ReportDocument): void {
    const tracked: Tracked = {
      timer: undefined,
      unversionedSince: undefined,
      lastCheckpointSeq: document.lastSeq - document.updatesSinceCheckpoint,
      checkpointDue: false,
      queue: Promise.resolve(),
    }
    this.tracked.set(document, tracked)
    // After the current turn: the first client's sync answer goes out before this work (≈ 90 ms
    // when the first version of a report is made).
    setImmediate(
      () =>
        void this.runIfTracked(document, async () => {
          const latest = latestState(await this.storage.listVersions(document.id))
          // The first version of a report is its state when first opened (the import): the base of
          // the first diff and of the first version's authors.
          if (latest === undefined) await this.makeAuto(document)
          else if (latest.seq < document.lastSeq) {
            tracked.unversionedSince ??= Date.now()
            this.schedule(document, tracked)
          }
        }),
    )
  }

  /** Runs `work` in the queue of `document` unless it stopped being tracked meanwhile. */
  private runIfTracked(document: ReportDocument, work: () => Promise<void>): Promise<void> {
    if (!this.tracked.has(document)) return Promise.resolve()
    return this.run(document, work).catch(() => {})
  }

  /** After a stored batch: restart the pause, make a version when changes waited too long, checkpoint a long run. */
  stored(document: ReportDocument, _changes: readonly StoredChange[]): void {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    const now = Date.now()
    tracked.unversionedSince ??= now
    if (now - tracked.unversionedSince >= this.options.maxIntervalMs) {
      tracked.unversionedSince = undefined
      this.run(document, () => this.makeAuto(document))
    }
    this.schedule(document, tracked)
    if (
      !tracked.checkpointDue &&
      document.exact &&
      document.lastSeq - tracked.lastCheckpointSeq >= checkpointEveryUpdates
    ) {
      tracked.checkpointDue = true
      // After this turn: this batch is broadcast first. Encoding the whole report takes 5–20 ms
      // on the event loop, and the storage writes it when its writer is idle.
      setImmediate(() => void this.runIfTracked(document, () => this.checkpoint(document, tracked)))
    }
  }

  /** Writes a checkpoint of the live state at its last seq, unless a version's checkpoint came meanwhile. */
  private async checkpoint(document: ReportDocument, tracked: Tracked): Promise<void> {
    tracked.checkpointDue = false
    // Not exact (several instances): the next stored batch asks again.
    if (document.failed || !document.exact || document.lastSeq - tracked.lastCheckpointSeq < checkpointEveryUpdates)
      return
    const seq = document.lastSeq
    tracked.lastCheckpointSeq = seq
    await this.storage.putCheckpoint({ report: document.id, seq, state: Y.encodeStateAsUpdate(document.doc) })
  }

  /** Before a document unloads: the pending automatic version is made now (nobody is editing any more). */
  async unloading(document: ReportDocument): Promise<void> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    if (tracked.timer) clearTimeout(tracked.timer)
    tracked.timer = undefined
    if (tracked.unversionedSince !== undefined) this.run(document, () => this.makeAuto(document))
    await tracked.queue
    this.tracked.delete(document)
  }

  /** Another instance took over `document`'s versions: stop scheduling them here, without making one. */
  async disowned(document: ReportDocument): Promise<void> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    if (tracked.timer) clearTimeout(tracked.timer)
    tracked.timer = undefined
    this.tracked.delete(document)
    await tracked.queue
  }

  /** Waits for the version work queued for `document`. */
  async idle(document: ReportDocument): Promise<void> {
    await this.tracked.get(document)?.queue
  }

  /**
   * Makes a version of the live state now (after the queued work of this document). An `auto`
   * request is skipped (resolves undefined) when nothing changed since the latest version or another
   * instance already made one at this seq; other kinds are always made.
   */
  make(document: ReportDocument, request: VersionRequest): Promise<VersionRecord | undefined> {
    return this.run(document, () => this.makeNow(document, request))
  }

  /** Records a version at an earlier seq (publishing an old version): a frozen pointer with that version's hashes. */
  pointAt(document: ReportDocument, target: VersionRecord, request: VersionRequest): Promise<VersionRecord> {
    return this.run(document, () =>
      this.storage.addVersion({
        report: document.id,
        seq: target.seq,
        kind: request.kind,
        name: request.name,
        reason: request.reason,
        createdAt: Date.now(),
        createdBy: request.user,
        authors: [],
        hashes: target.hashes,
      }),
    )
  }

  private run<T>(document: ReportDocument, work: () => Promise<T>): Promise<T> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return work()
    const result = tracked.queue.then(work)
    tracked.queue = result.catch((error: unknown) => {
      logEvent(this.options.log, {
        level: 'error',
        event: 'versions-failed',
        report: document.id,
        message: 'keeping versions failed',
        error,
      })
    })
    return result
  }

  private schedule(document: ReportDocument, tracked: Tracked): void {
    if (tracked.timer) clearTimeout(tracked.timer)
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined
      this.run(document, () => this.makeAuto(document)).catch(() => {})
    }, this.options.pauseMs)
    tracked.timer.unref()
  }

  private async makeAuto(document: ReportDocument): Promise<VersionRecord | undefined> {
    if (document.failed) return undefined
    return this.makeNow(document, { kind: 'auto', user: 'system' })
  }

  private async makeNow(document: ReportDocument, request: VersionRequest): Promise<VersionRecord | undefined> {
    const tracked = this.tracked.get(document)
    // Several instances: the live doc may hold an update after a seq still on its way; a version
    // records the state at one seq, so read what is missing first.
    for (let attempt = 0; !document.exact && attempt < 3; attempt++) await document.catchUp()
    if (!document.exact) {
      if (request.kind === 'auto') return undefined
      throw new Error(
        `the live state of "${document.id}" is still missing updates stored by another instance; try again`,
      )
    }
    const seq = document.lastSeq
    const report: Report = document.report()
    const state = Y.encodeStateAsUpdate(document.doc)
    const hashes = contentHashes(report)
    const latest = latestState(await this.storage.listVersions(document.id))
    if (
      request.kind === 'auto' &&
      !request.always &&
      latest !== undefined &&
      (latest.seq === seq || sameHashes(latest.hashes, hashes))
    ) {
      if (tracked && document.lastSeq === seq) tracked.unversionedSince = undefined
      return undefined
    }
    const previousSeq = latest === undefined ? 0 : Math.min(latest.seq, seq)
    const authors = await logAuthors(this.storage, document.id, previousSeq, seq)
    let version: VersionRecord
    try {
      version = await this.storage.addVersion({
        report: document.id,
        seq,
        kind: request.kind,
        name: request.name,
        reason: request.reason,
        createdAt: Date.now(),
        createdBy: request.user,
        authors,
        hashes,
      })
    } catch (error) {
      // An automatic version of this seq exists already (made here or by another instance).
      if (!(request.kind === 'auto' && error instanceof StorageError && error.code === 'exists')) throw error
      if (!request.always) return undefined
      const existing = (await this.storage.listVersions(document.id)).find((v) => v.kind === 'auto' && v.seq === seq)
      if (existing === undefined) throw error
      return existing
    }
    await this.storage.putCheckpoint({ report: document.id, seq, state })
    logEvent(this.options.log, {
      level: 'info',
      event: 'version',
      report: document.id,
      user: request.user,
      message: `${request.kind} version ${version.id} at seq ${seq}`,
    })
    if (tracked) {
      tracked.lastCheckpointSeq = Math.max(tracked.lastCheckpointSeq, seq)
      if (document.lastSeq === seq) tracked.unversionedSince = undefined
    }
    return version
  }
}
