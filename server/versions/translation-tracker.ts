// Translation status history: after stored batches (at most every 250 ms), the fingerprints of the blocks they touched
// are compared with the previous ones, and the blocks that changed get that side's changed-at seq
// in storage. Fingerprints are kept in memory per loaded document.
//
// *Decision:* fingerprints are read from the Yjs types themselves, and only for the textblocks a
// transaction touched. Converting each touched section body to ProseMirror JSON after every batch
// cost 0.3–0.5 ms per update (a quarter of the server's CPU at 500 updates/s), and typing, by far
// the most common change, touches one paragraph's text. A change to a body's structure (a block
// added, removed, moved or re-identified) re-reads that whole body, as before.

import * as Y from 'yjs'
import { changedBlockIds, fingerprint } from '../../schema/translation/fingerprints.ts'
import { fragmentName, parseFragmentName, rootTypeOf, sectionsOf } from '../../schema/ydoc.ts'
import type { ReportDocument, StoredChange } from '../collab/report-document.ts'
import type { BlockChangeRecord, Storage } from '../storage/storage.ts'
import { logEvent } from '../log.ts'

/** What changed in one body since the last stored batch: some textblocks, or its structure (`all`). */
type DirtyBody = Set<Y.XmlElement> | 'all'

interface Tracked {
  /** Fingerprints by fragment name (`es/<id>`), then by block id. */
  readonly prints: Map<string, Map<string, string>>
  /** Bodies changed since the last stored batch was processed, by fragment name. */
  readonly dirty: Map<string, DirtyBody>
  readonly stop: () => void
  /** Pending writes of this document, in order. */
  writes: Promise<void>
  /** Records not written yet, and the timer that will write them. */
  unwritten: BlockChangeRecord[]
  timer: NodeJS.Timeout | undefined
  /** Bodies changed since the last stored batch: that batch's seq is theirs. */
  readonly touched: Set<string>
  /** The seq of the last stored batch that changed each dirty body. */
  readonly bodySeqs: Map<string, number>
  /** The last seq stored since the last comparison, and the timer that will compare. */
  dirtySeq: number
  compareTimer: NodeJS.Timeout | undefined
}

/**
 * Changed blocks are compared at most this often, not after every stored batch: someone typing
 * touches the same paragraph dozens of times a second, and its fingerprint is only needed once
 * (hashing a long paragraph after every keystroke was a fifth of the server's time under load).
 * A block's changed-at seq is then the last seq stored before the comparison, at most this much
 * later than the change itself; nothing compares it with a mark's seq without {@link
 * TranslationTracker.idle}, which compares first.
 */
export const fingerprintDelayMs = 250

/**
 * Block records wait this long to be written together. Each write is a transaction with its own
 * WAL fsync on the one writing connection, and an update arriving meanwhile waits for it: written
 * after every stored batch they doubled the fsyncs under load, and even once a second they showed
 * in the fan-out p99. Nothing reads them without {@link TranslationTracker.idle} first, which
 * writes them at once.
 */
export const blockRecordDelayMs = 5000

/** Node types whose blocks carry the text compared across languages (`schema/diff/text-units.ts`). */
const textblockTypes = new Set(['paragraph', 'heading'])

/** Text and formatting of a textblock: its text runs with their marks (and marks' attributes), and inline nodes. */
function signature(block: Y.XmlElement): string {
  let text = ''
  for (const child of block.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const run of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        text += run.attributes ? `[${JSON.stringify(run.attributes)}]${String(run.insert)}` : String(run.insert)
      }
    } else if (child instanceof Y.XmlElement) text += `<${child.nodeName}${JSON.stringify(child.getAttributes())}>`
  }
  return text
}

/** The id of a textblock, or undefined when it has none (its key is then positional, see {@link bodyPrints}). */
function blockId(block: Y.XmlElement): string | undefined {
  const id = block.getAttribute('id')
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * The fingerprint of every textblock of a body by block id, keyed as `textUnits` keys them: a
 * block without an id gets `#<position>`, counting textblocks and table rows without an id.
 */
function bodyPrints(fragment: Y.XmlFragment): Map<string, string> {
  const prints = new Map<string, string>()
  let position = 0
  const visit = (node: Y.XmlElement | Y.XmlFragment): void => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (textblockTypes.has(child.nodeName)) {
        prints.set(blockId(child) ?? `#${position}`, fingerprint(signature(child)))
        position++
      } else if (child.nodeName === 'report_table') {
        for (const row of child.toArray()) {
          if (!(row instanceof Y.XmlElement)) continue
          if (blockId(row) === undefined) position++
          for (const cell of row.toArray()) if (cell instanceof Y.XmlElement) visit(cell)
        }
      } else visit(child)
    }
  }
  visit(fragment)
  return prints
}

/** The textblock holding `type` (itself included), or undefined when `type` is a container above blocks. */
function textblockOf(type: Y.AbstractType<unknown>): Y.XmlElement | undefined {
  for (
    let at: Y.AbstractType<unknown> | null = type;
    at !== null;
    at = at._item === null ? null : (at._item.parent as Y.AbstractType<unknown>)
  ) {
    if (at instanceof Y.XmlElement && textblockTypes.has(at.nodeName)) return at
  }
  return undefined
}

/** Notes, for one transaction, which bodies changed and whether only inside known textblocks. */
function noteChanges(
  doc: Y.Doc,
  transaction: Y.Transaction,
  dirty: Map<string, DirtyBody>,
  names: Map<Y.AbstractType<unknown>, string>,
  touched: Set<string>,
): void {
  for (const [type, keys] of transaction.changed as Map<Y.AbstractType<unknown>, Set<string | null>>) {
    const root = rootTypeOf(type)
    if (root === undefined) continue
    let name = names.get(root)
    if (name === undefined) {
      for (const [shareName, shared] of doc.share) names.set(shared as Y.AbstractType<unknown>, shareName)
      name = names.get(root)
    }
    if (name === undefined || parseFragmentName(name) === undefined) continue
    touched.add(name)
    const known = dirty.get(name)
    if (known === 'all') continue
    const block = textblockOf(type)
    // An attribute of the block itself (its id) or anything above blocks changes the body's structure.
    const structural =
      block === undefined || (block === type && [...keys].some((key) => key !== null)) || blockId(block) === undefined
    if (structural) dirty.set(name, 'all')
    else if (known === undefined) dirty.set(name, new Set([block]))
    else known.add(block)
  }
}

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
    // The baseline (≈ 20 ms for the annual report) is taken after the current turn, so the first
    // client's sync answer goes out first — or at once before the first change, whichever comes first.
    let baselineTaken = false
    const takeBaseline = (): void => {
      if (baselineTaken) return
      baselineTaken = true
      document.doc.off('beforeTransaction', takeBaseline)
      for (const section of sectionsOf(document.doc)) {
        for (const language of ['es', 'en'] as const) {
          const name = fragmentName(language, section.id)
          prints.set(name, bodyPrints(document.doc.getXmlFragment(name)))
        }
      }
    }
    document.doc.on('beforeTransaction', takeBaseline)
    setImmediate(takeBaseline)
    const dirty = new Map<string, DirtyBody>()
    const names = new Map<Y.AbstractType<unknown>, string>()
    const touched = new Set<string>()
    const listener = (transaction: Y.Transaction): void => noteChanges(document.doc, transaction, dirty, names, touched)
    document.doc.on('afterTransaction', listener)
    const stop = (): void => {
      baselineTaken = true
      document.doc.off('beforeTransaction', takeBaseline)
      document.doc.off('afterTransaction', listener)
    }
    this.tracked.set(document, {
      prints,
      dirty,
      stop,
      writes: Promise.resolve(),
      unwritten: [],
      timer: undefined,
      touched,
      bodySeqs: new Map(),
      dirtySeq: 0,
      compareTimer: undefined,
    })
  }

  /**
   * After a stored batch: the bodies it touched get the batch's last seq, so a block's changed-at
   * names the batch that changed it (and the review dashboard its author), not the last batch
   * before the comparison.
   */
  stored(document: ReportDocument, changes: readonly StoredChange[]): void {
    const tracked = this.tracked.get(document)
    if (tracked === undefined || tracked.dirty.size === 0 || changes.length === 0) return
    tracked.dirtySeq = changes[changes.length - 1]!.seq
    for (const root of tracked.touched) tracked.bodySeqs.set(root, tracked.dirtySeq)
    tracked.touched.clear()
    if (tracked.compareTimer === undefined) {
      tracked.compareTimer = setTimeout(() => this.compare(document, tracked), fingerprintDelayMs)
      tracked.compareTimer.unref()
    }
  }

  /** Compares the fingerprints of the blocks changed since the last comparison and queues records for those that differ. */
  private compare(document: ReportDocument, tracked: Tracked): void {
    if (tracked.compareTimer) clearTimeout(tracked.compareTimer)
    tracked.compareTimer = undefined
    if (tracked.dirty.size === 0) return
    const records: BlockChangeRecord[] = []
    for (const [root, changed] of tracked.dirty) {
      const { language, sectionId: section } = parseFragmentName(root)!
      const seq = tracked.bodySeqs.get(root) ?? tracked.dirtySeq
      const before = tracked.prints.get(root) ?? new Map<string, string>()
      // A block deleted since it was noted means the body's structure changed after all.
      if (changed === 'all' || [...changed].some((block) => block._item?.deleted !== false)) {
        const now = bodyPrints(document.doc.getXmlFragment(root))
        for (const block of changedBlockIds(before, now)) records.push({ section, block, language, seq })
        tracked.prints.set(root, now)
        continue
      }
      for (const block of changed) {
        const id = blockId(block)!
        const print = fingerprint(signature(block))
        if (before.get(id) === print) continue
        records.push({ section, block: id, language, seq })
        before.set(id, print)
      }
      tracked.prints.set(root, before)
    }
    tracked.dirty.clear()
    tracked.bodySeqs.clear()
    if (records.length === 0) return
    tracked.unwritten.push(...records)
    if (tracked.timer === undefined) {
      tracked.timer = setTimeout(() => this.write(document, tracked), blockRecordDelayMs)
      tracked.timer.unref()
    }
  }

  /** Writes the records waiting for `document` (in order after the earlier writes). */
  private write(document: ReportDocument, tracked: Tracked): void {
    if (tracked.timer) clearTimeout(tracked.timer)
    tracked.timer = undefined
    const records = tracked.unwritten
    if (records.length === 0) return
    tracked.unwritten = []
    tracked.writes = tracked.writes
      .then(() => this.storage.recordBlockChanges(document.id, records))
      .catch((error: unknown) =>
        logEvent(this.log, {
          level: 'error',
          event: 'translation-history-failed',
          report: document.id,
          message: 'recording translation history failed',
          error,
        }),
      )
  }

  /** Writes the waiting block records of `document` now; resolves when they are written. */
  async idle(document: ReportDocument): Promise<void> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    this.compare(document, tracked)
    this.write(document, tracked)
    await tracked.writes
  }

  /** Stops tracking a document that unloads (after its writes). */
  async unloading(document: ReportDocument): Promise<void> {
    const tracked = this.tracked.get(document)
    if (tracked === undefined) return
    this.compare(document, tracked)
    tracked.stop()
    this.write(document, tracked)
    await tracked.writes
    this.tracked.delete(document)
  }
}
