import * as Y from 'yjs'
import { compactAfterUpdates } from '../config.ts'
import type { Storage } from '../storage/storage.ts'
import { closeGoingAway } from './close-codes.ts'
import { ReportDocument, type CommitUpdate, type StoredHook } from './report-document.ts'

interface Entry {
  loading: Promise<ReportDocument | undefined>
  document: ReportDocument | undefined
  holders: number
  idleTimer: NodeJS.Timeout | undefined
  unloading: Promise<void> | undefined
}

/** What other parts of the server do at a document's life events (versions, translation status). */
export interface DocumentHooks {
  /** After a document is loaded, before anyone uses it. */
  readonly loaded?: (document: ReportDocument) => void
  /** After a batch of updates was stored and applied (must not throw). */
  readonly stored?: StoredHook
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
}

/**
 * Loads each report's document once, on first use, from its latest checkpoint and the updates
 * after it; unloads it when idle, once every accepted update is stored (compacting a long log).
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>()

  /** `commit` durably appends one update (the group commit). */
  constructor(
    private readonly storage: Storage,
    private readonly commit: CommitUpdate,
    private readonly options: DocumentRegistryOptions,
  ) {}

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
      return document
    }
    const entry: Entry = { loading: this.load(id), document: undefined, holders: 1, idleTimer: undefined, unloading: undefined }
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
    await Promise.all([...this.entries].map(([id, entry]) => entry.unloading ?? this.unload(id, entry)))
  }

  /** A document that failed to store an update is dropped now, so the next connection reloads it from storage. */
  dropFailed(document: ReportDocument): void {
    const entry = this.entries.get(document.id)
    if (entry?.document === document) this.unload(document.id, entry)
  }

  private async load(id: string): Promise<ReportDocument | undefined> {
    if ((await this.storage.getReport(id)) === undefined) return undefined
    const log = await this.storage.loadLog(id)
    const document = new ReportDocument(id, log, this.commit, (failed, error) => {
      this.options.log(`storing an update of "${id}" failed: ${error instanceof Error ? error.message : String(error)}`)
      this.dropFailed(failed)
    }, this.options.hooks?.stored)
    this.options.hooks?.loaded?.(document)
    return document
  }

  /**
   * Writes a checkpoint at the document's last seq (so the next load replays few updates) and
   * compacts the log up to the latest version only: updates after it stay in the log, where the
   * next version will find its authors and changes.
   */
  private async checkpoint(document: ReportDocument): Promise<void> {
    await this.storage.putCheckpoint({ report: document.id, seq: document.lastSeq, state: Y.encodeStateAsUpdate(document.doc) })
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
        try {
          await this.options.hooks?.unloading?.(document)
          if (!document.failed && document.updatesSinceCheckpoint > compactAfterUpdates) await this.checkpoint(document)
        } finally {
          document.destroy()
        }
      } catch (error) {
        this.options.log(`unloading "${id}" failed: ${error instanceof Error ? error.message : String(error)}`)
      } finally {
        if (this.entries.get(id) === entry) this.entries.delete(id)
      }
    })()
    return entry.unloading
  }
}
