import * as Y from 'yjs'
import { compactAfterUpdates } from '../config.ts'
import type { BusMessage, ReportBus } from '../cluster/report-bus.ts'
import { logEvent } from '../log.ts'
import type { LoadedLog, Storage } from '../storage/storage.ts'
import { closeGoingAway } from '../../schema/close-codes.ts'
import { ReportDocument, type CommitUpdate, type DocumentRelay, type StoredHook } from './report-document.ts'

interface Entry {
  loading: Promise<ReportDocument | undefined>
  document: ReportDocument | undefined
  holders: number
  idleTimer: NodeJS.Timeout | undefined
  unloading: Promise<void> | undefined
}

/**
 * What other parts of the server do at a document's life events (versions, translation status).
 * They run only on the instance that holds the report's lease (its owner), so that with several
 * instances each version and each translation record is made once.
 */
export interface DocumentHooks {
  /** When this instance becomes the document's owner: on load, or later when the previous owner's lease lapsed. */
  readonly loaded?: (document: ReportDocument) => void
  /** After a batch of updates (stored here or elsewhere) was applied (must not throw). */
  readonly stored?: StoredHook
  /** When this instance stops being the owner while the document stays loaded (its lease was taken over). */
  readonly disowned?: (document: ReportDocument) => Promise<void>
  /** Before a document unloads, once its accepted updates are stored. */
  readonly unloading?: (document: ReportDocument) => Promise<void>
}

/** Options of {@link DocumentRegistry}. */
export interface DocumentRegistryOptions {
  /** Unload a document this long after its last holder left. */
  readonly idleMs: number
  /** Where to report failures. */
  readonly log: (line: string) => void
  /** Life-event hooks; default none. */
  readonly hooks?: DocumentHooks
  /** This instance's id: the holder name of its report leases. */
  readonly instance: string
  /** Several instances: the bus relaying stored updates and presence between them. */
  readonly bus?: ReportBus
  /** Most structs plus deletions one update may hold (4413 above); default the guard's. */
  readonly maxStructsPerUpdate?: number
}

/**
 * A report's lease lasts this long unless renewed: an owner killed with `kill -9` is replaced
 * after at most this long, and versions are a minute apart anyway.
 */
export const reportLeaseMs = 15_000

/** Leases are renewed this often: three chances before one lapses. */
const leaseRenewMs = reportLeaseMs / 3

/**
 * Several instances: every loaded document reads storage this often for updates the bus did not
 * bring (a message dropped while Redis was down or a subscription was lost). A missing seq before
 * a later one is noticed at once; this only bounds how long a lost last message can go unnoticed.
 */
export const catchUpEveryMs = 2_000

/** What `storage` holds of `report` after `after`; when compaction merged some of it, the latest checkpoint and the updates after it (a document's catch-up). */
export async function readLogAfter(storage: Storage, report: string, after: number): Promise<LoadedLog> {
  const updates = await storage.updatesBetween(report, after, Number.MAX_SAFE_INTEGER)
  if (updates.length === 0 || updates[0]!.seq === after + 1)
    return { checkpoint: undefined, updates, lastSeq: updates.at(-1)?.seq ?? after }
  return storage.loadLog(report)
}

/** Name of the lease of a report. */
const leaseName = (report: string): string => `report:${report}`

/**
 * Loads each report's document once, on first use, from its latest checkpoint and the updates
 * after it; unloads it when idle, once every accepted update is stored (compacting a long log).
 * With several instances it also relays each document through the bus, catches it up from
 * storage, and holds the lease that makes this instance its owner (versions, compaction).
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>()
  /** Documents this instance owns (holds the lease of). */
  private readonly owned = new Set<ReportDocument>()
  private readonly timers: NodeJS.Timeout[] = []

  /** `commit` durably appends one update (the group commit). */
  constructor(
    private readonly storage: Storage,
    private readonly commit: CommitUpdate,
    private readonly options: DocumentRegistryOptions,
  ) {
    const { bus } = options
    if (bus !== undefined) {
      // Leases are contested only among several instances (which need the bus): one instance takes
      // each at load and keeps it, without a storage write every few seconds.
      const renew = setInterval(() => void this.renewLeases(), leaseRenewMs)
      renew.unref()
      this.timers.push(renew)
      const poll = setInterval(() => this.catchUpAll(), catchUpEveryMs)
      poll.unref()
      this.timers.push(poll)
      bus.onReconnect(() => this.catchUpAll())
    }
  }

  /** True when this instance owns `document` (makes its versions). */
  owns(document: ReportDocument): boolean {
    return this.owned.has(document)
  }

  /** The live document of `id`, held until {@link release}; undefined for an unknown report. */
  async acquire(id: string): Promise<ReportDocument | undefined> {
    for (;;) {
      const entry = this.entries.get(id)
      if (entry === undefined) break
      if (entry.unloading) {
        await entry.unloading
        continue
      }
      entry.holders++
      if (entry.idleTimer) clearTimeout(entry.idleTimer)
      entry.idleTimer = undefined
      const document = await entry.loading
      if (document === undefined || document.failed) {
        this.release(id)
        if (document === undefined) return undefined
        continue
      }
      // Several instances: whoever comes now (a client failing over from another instance, say)
      // must find everything stored before it came, which the bus may not have brought yet.
      try {
        await document.catchUp()
      } catch (error) {
        this.release(id)
        throw error
      }
      return document
    }
    const entry: Entry = {
      loading: this.load(id),
      document: undefined,
      holders: 1,
      idleTimer: undefined,
      unloading: undefined,
    }
    this.entries.set(id, entry)
    try {
      entry.document = await entry.loading
    } catch (error) {
      this.entries.delete(id)
      throw error
    }
    if (entry.document === undefined) {
      this.entries.delete(id)
      return undefined
    }
    return entry.document
  }

  /** Gives back a document obtained from {@link acquire}. */
  release(id: string): void {
    const entry = this.entries.get(id)
    if (entry === undefined) return
    entry.holders--
    if (entry.holders > 0 || entry.unloading) return
    if (entry.document?.failed) {
      this.unload(id, entry)
      return
    }
    entry.idleTimer = setTimeout(() => this.unload(id, entry), this.options.idleMs)
    entry.idleTimer.unref()
  }

  /** Runs `use` on the live document of `id` (loading it when needed); undefined for an unknown report. */
  async with<T>(id: string, use: (document: ReportDocument) => T | Promise<T>): Promise<T | undefined> {
    const document = await this.acquire(id)
    if (document === undefined) return undefined
    try {
      return await use(document)
    } finally {
      this.release(id)
    }
  }

  /** Ids of the loaded documents. */
  loaded(): string[] {
    return [...this.entries.keys()]
  }

  /** Unloads every document (closing their connections with 1001) after storing what was accepted. */
  async closeAll(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer)
    await Promise.all([...this.entries].map(([id, entry]) => entry.unloading ?? this.unload(id, entry)))
  }

  /** A document that failed to store an update is dropped now, so the next connection reloads it from storage. */
  dropFailed(document: ReportDocument): void {
    const entry = this.entries.get(document.id)
    if (entry?.document === document) this.unload(document.id, entry)
  }

  private async load(id: string): Promise<ReportDocument | undefined> {
    if ((await this.storage.getReport(id)) === undefined) return undefined
    const { bus, hooks } = this.options
    // Subscribe before reading the log, so nothing stored meanwhile elsewhere is missed.
    let document: ReportDocument | undefined
    const early: BusMessage[] = []
    if (bus !== undefined)
      await bus.subscribe(id, (message) => (document ? this.receive(document, message) : early.push(message)))
    let log: LoadedLog
    try {
      log = await this.storage.loadLog(id)
    } catch (error) {
      bus?.unsubscribe(id)
      throw error
    }
    const loaded = new ReportDocument(id, log, {
      commit: this.commit,
      onFailure: (failed, error) => {
        logEvent(this.options.log, {
          level: 'error',
          event: 'storage-failed',
          report: id,
          message: `storing an update failed`,
          error,
        })
        this.dropFailed(failed)
      },
      onStored: (stored, changes) => {
        if (this.owned.has(stored)) hooks?.stored?.(stored, changes)
      },
      ...(bus !== undefined && {
        relay: this.relay(bus),
        readLogAfter: (after: number) => readLogAfter(this.storage, id, after),
        onCatchUpFailure: (_document: ReportDocument, error: unknown) => {
          logEvent(this.options.log, {
            level: 'warn',
            event: 'catch-up',
            report: id,
            message: `reading storage failed`,
            error,
          })
        },
      }),
      ...(this.options.maxStructsPerUpdate !== undefined && { maxStructsPerUpdate: this.options.maxStructsPerUpdate }),
      onUnfitBody: (_document, { section, language, problems }) => {
        logEvent(this.options.log, {
          level: 'error',
          event: 'body-unfit',
          report: id,
          message: `section "${section}" (${language}) does not fit the schema and was read without what does not fit: ${problems
            .slice(0, 3)
            .map((problem) => `${problem.path}: ${problem.message}`)
            .join('; ')}`,
        })
      },
    })
    document = loaded
    for (const { seq, error } of loaded.unreadable) {
      logEvent(this.options.log, {
        level: 'error',
        event: 'update-unreadable',
        report: id,
        seq,
        message: `stored update ${seq} could not be applied and was left out of the report (it stays in the log): ${error}`,
      })
    }
    for (const message of early.splice(0)) this.receive(loaded, message)
    await this.claim(loaded)
    return loaded
  }

  private relay(bus: ReportBus): DocumentRelay {
    return {
      changes: (document, changes) => {
        for (const { seq, user, update } of changes)
          bus.publish({ kind: 'update', report: document.id, instance: bus.instance, seq, user, update })
      },
      presence: (document, update) =>
        bus.publish({ kind: 'presence', report: document.id, instance: bus.instance, update }),
    }
  }

  /** A message from another instance about a loaded document. */
  private receive(document: ReportDocument, message: BusMessage): void {
    try {
      if (message.kind === 'update') document.applyStoredElsewhere([message])
      else document.applyPresenceElsewhere(message.update)
    } catch (error) {
      // The bus is a fast path: when what it brought cannot be applied, storage has the truth.
      logEvent(this.options.log, {
        level: 'warn',
        event: 'bus',
        report: document.id,
        message: `could not apply a relayed ${message.kind}; reading storage`,
        error,
      })
      document.catchUpInBackground()
    }
  }

  private catchUpAll(): void {
    for (const entry of this.entries.values()) entry.document?.catchUpInBackground()
  }

  /** Takes (or renews) the lease of `document`; becoming its owner starts the hooks. */
  private async claim(document: ReportDocument): Promise<void> {
    const held = await this.storage.acquireLease(leaseName(document.id), this.options.instance, reportLeaseMs)
    if (document.failed || this.entries.get(document.id)?.unloading) return
    if (held && !this.owned.has(document)) {
      this.owned.add(document)
      // A document taken over mid-session first catches up, so versions start from the stored state.
      await document.catchUp()
      this.options.hooks?.loaded?.(document)
    } else if (!held && this.owned.delete(document)) {
      logEvent(this.options.log, {
        level: 'warn',
        event: 'lease-lost',
        report: document.id,
        message: "another instance took over this report's versions",
      })
      await this.options.hooks?.disowned?.(document)
    }
  }

  private async renewLeases(): Promise<void> {
    for (const entry of this.entries.values()) {
      const document = entry.document
      if (document === undefined || entry.unloading) continue
      try {
        await this.claim(document)
      } catch (error) {
        // Storage down: keep the current role; the lease lapses by itself if this lasts.
        logEvent(this.options.log, {
          level: 'warn',
          event: 'lease',
          report: document.id,
          message: `renewing the lease failed`,
          error,
        })
      }
    }
  }

  /**
   * Writes a checkpoint at the document's last seq (so the next load replays few updates) and
   * compacts the log up to the latest version only: updates after it stay in the log, where the
   * next version will find its authors and changes.
   */
  private async checkpoint(document: ReportDocument): Promise<void> {
    await this.storage.putCheckpoint({
      report: document.id,
      seq: document.lastSeq,
      state: Y.encodeStateAsUpdate(document.doc),
    })
    const [latest] = await this.storage.listVersions(document.id)
    if (latest !== undefined) await this.storage.compact(document.id, latest.seq)
  }

  private unload(id: string, entry: Entry): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    entry.idleTimer = undefined
    entry.unloading ??= (async () => {
      try {
        const document = entry.document ?? (await entry.loading.catch(() => undefined))
        if (document === undefined) return
        // Close the connections first so no new update arrives, then store what was accepted.
        document.closeAll(closeGoingAway, 'the server is unloading this report; reconnect')
        await document.settle()
        this.options.bus?.unsubscribe(id)
        try {
          if (this.owned.has(document)) {
            await document.catchUp()
            await this.options.hooks?.unloading?.(document)
            // A log with an unreadable update is left as it is, for an admin to look at: no checkpoint hides it.
            if (
              !document.failed &&
              document.exact &&
              document.unreadable.length === 0 &&
              document.updatesSinceCheckpoint > compactAfterUpdates
            )
              await this.checkpoint(document)
            await this.storage.releaseLease(leaseName(id), this.options.instance)
          }
        } finally {
          this.owned.delete(document)
          document.destroy()
        }
      } catch (error) {
        logEvent(this.options.log, {
          level: 'error',
          event: 'unload-failed',
          report: id,
          message: 'unloading the report failed',
          error,
        })
      } finally {
        if (this.entries.get(id) === entry) this.entries.delete(id)
      }
    })()
    return entry.unloading
  }
}
