// Translation status history: after each stored batch, the block fingerprints of the section
// bodies it touched are compared with the previous ones, and the blocks that changed get that
// side's changed-at seq in storage. Fingerprints are kept in memory per loaded document.

import type * as Y from 'yjs'
import type { Language } from '../../schema/languages.ts'
import { blockFingerprints, changedBlockIds } from '../../schema/translation/fingerprints.ts'
import { fragmentName, sectionBodyJSON, sectionsOf } from '../../schema/ydoc.ts'
import type { ReportDocument, StoredChange } from '../collab/report-document.ts'
import type { BlockChangeRecord, Storage } from '../storage/storage.ts'
import { changedRoots } from './root-names.ts'

interface Tracked {
  /** Fingerprints by fragment name (`es/<id>`), then by block id. */
  readonly prints: Map<string, Map<string, string>>
  /** Fragments changed since the last stored batch was processed. */
  readonly dirty: Set<string>
  readonly stop: () => void
  /** Pending writes of this document, in order. */
  writes: Promise<void>
}

const bodyRoot = /^(es|en)\/(.+)$/

/** Keeps the per-block changed-at seqs of every loaded document up to date. */
export class TranslationTracker {
  private readonly tracked = new Map<ReportDocument, Tracked>()

  /** `storage` keeps the block records; `log` reports failed writes. */
  constructor(
    private readonly storage: Storage,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts tracking a loaded document: its current fingerprints are the baseline. */
  loaded(document: ReportDocument): void {
    const prints = new Map<string, Map<string, string>>()
    for (const section of sectionsOf(document.doc)) {
      for (const language of ['es', 'en'] as const) {
        prints.set(fragmentName(language, section.id), blockFingerprints(sectionBodyJSON(document.doc, language, section.id)))
      }
    }
    const dirty = new Set<string>()
    const listener = (transaction: Y.Transaction): void => {
      for (const root of changedRoots(document.doc, transaction)) if (bodyRoot.test(root)) dirty.add(root)
    }
    document.doc.on('afterTransaction', listener)
    this.tracked.set(document, { prints, dirty, stop: () => document.doc.off('afterTransaction', listener), writes: Promise.resolve() })
  }

  /** After a stored batch: the touched bodies' changed blocks get the batch's last seq. */
  stored(document: ReportDocument, changes: readonly StoredChange[]): void {
    const tracked = this.tracked.get(document)
    if (tracked === undefined || tracked.dirty.size === 0 || changes.length === 0) return
    const seq = changes[changes.length - 1]!.seq
    const records: BlockChangeRecord[] = []
    for (const root of tracked.dirty) {
      const match = bodyRoot.exec(root)!
      const language = match[1] as Language
      const section = match[2]!
      const now = blockFingerprints(sectionBodyJSON(document.doc, language, section))
      for (const block of changedBlockIds(tracked.prints.get(root) ?? new Map(), now)) records.push({ section, block, language, seq })
      tracked.prints.set(root, now)
    }
    tracked.dirty.clear()
    if (records.length === 0) return
    tracked.writes = tracked.writes
      .then(() => this.storage.recordBlockChanges(document.id, records))
      .catch((error: unknown) => this.log(`recording translation history of "${document.id}" failed: ${error instanceof Error ? error.message : String(error)}`))
  }

  /** Resolves when the block records of `document` are written. */
  async idle(document: ReportDocument): Promise<void> {
    await this.tracked.get(document)?.writes
  }

  /** Stops tracking a document that unloads (after its writes). */
  async unloading(document: ReportDocument): Promise<void> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    tracked.stop()
    await tracked.writes
    this.tracked.delete(document)
  }
}
