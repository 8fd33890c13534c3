import type { NodeJSON } from '../report.ts'
import { movedKeys } from './sequence-moves.ts'
import { textUnits, type RowUnit, type TextUnit } from './text-units.ts'
import { wordDiff, type WordChange } from './word-diff.ts'

/** What happened to a block between two versions. */
export type BlockChangeKind = 'changed' | 'inserted' | 'deleted' | 'moved' | 'formatted'

/** One changed textblock (paragraph or heading), matched across versions by its block id. */
export interface BlockChange {
  /** The block id (shared with the aligned block of the other language). */
  readonly id: string
  readonly change: BlockChangeKind
  /** `paragraph` or `heading`. */
  readonly type: string
  /** The table row it sits in (after the change, or before for a deletion), if any. */
  readonly row?: string
  /** The column it sits in, if inside a table. */
  readonly column?: string
  /** Word-level diff from the old text to the new; for a move without edits, the text as equal. */
  readonly words: readonly WordChange[]
}

/** One changed table row, matched across versions by its row id. */
export interface RowChange {
  readonly id: string
  readonly change: 'inserted' | 'deleted' | 'moved' | 'changed'
  /** Columns whose cell text changed (for `changed` and `moved` rows). */
  readonly columns: readonly string[]
}

/** The changes of one section body in one language. */
export interface BodyDiff {
  /** True when anything in this body changed (text, formatting, order, rows). */
  readonly changed: boolean
  readonly blocks: readonly BlockChange[]
  readonly rows: readonly RowChange[]
}

function rowChanges(before: readonly RowUnit[], after: readonly RowUnit[]): RowChange[] {
  const beforeByKey = new Map(before.map((row) => [row.key, row]))
  const afterKeys = new Set(after.map((row) => row.key))
  const moved = movedKeys(
    before.map((row) => row.key),
    after.map((row) => row.key),
  )
  const changes: RowChange[] = []
  for (const row of after) {
    const old = beforeByKey.get(row.key)
    if (!old) {
      changes.push({ id: row.key, change: 'inserted', columns: Object.keys(row.cells) })
      continue
    }
    const columns = Object.keys(row.cells).filter((column) => row.cells[column] !== old.cells[column])
    if (moved.has(row.key)) changes.push({ id: row.key, change: 'moved', columns })
    else if (columns.length) changes.push({ id: row.key, change: 'changed', columns })
  }
  for (const row of before)
    if (!afterKeys.has(row.key)) changes.push({ id: row.key, change: 'deleted', columns: Object.keys(row.cells) })
  return changes
}

function place(unit: TextUnit): { row?: string; column?: string } {
  return {
    ...(unit.row !== undefined ? { row: unit.row } : {}),
    ...(unit.column !== undefined ? { column: unit.column } : {}),
  }
}

// A block moved only because its whole row moved is reported once, as the row's move.
function blockChanges(
  before: readonly TextUnit[],
  after: readonly TextUnit[],
  movedRows: ReadonlySet<string>,
): BlockChange[] {
  const beforeByKey = new Map(before.map((unit) => [unit.key, unit]))
  const afterKeys = new Set(after.map((unit) => unit.key))
  const moved = movedKeys(
    before.map((unit) => unit.key),
    after.map((unit) => unit.key),
  )
  const changes: BlockChange[] = []
  for (const unit of after) {
    const old = beforeByKey.get(unit.key)
    if (!old) {
      changes.push({
        id: unit.key,
        change: 'inserted',
        type: unit.type,
        ...place(unit),
        words: wordDiff('', unit.text),
      })
    } else if (old.text !== unit.text) {
      changes.push({
        id: unit.key,
        change: 'changed',
        type: unit.type,
        ...place(unit),
        words: wordDiff(old.text, unit.text),
      })
    } else if (
      (moved.has(unit.key) && !(unit.row !== undefined && movedRows.has(unit.row))) ||
      old.column !== unit.column
    ) {
      changes.push({
        id: unit.key,
        change: 'moved',
        type: unit.type,
        ...place(unit),
        words: wordDiff(old.text, unit.text),
      })
    } else if (old.signature !== unit.signature || old.type !== unit.type) {
      changes.push({
        id: unit.key,
        change: 'formatted',
        type: unit.type,
        ...place(unit),
        words: wordDiff(old.text, unit.text),
      })
    }
  }
  for (const unit of before) {
    if (!afterKeys.has(unit.key))
      changes.push({ id: unit.key, change: 'deleted', type: unit.type, ...place(unit), words: wordDiff(unit.text, '') })
  }
  return changes
}

/**
 * The differences between two versions of a section body in one language: textblocks matched by
 * block id with a word diff inside each, table rows matched by row id (inserted, deleted, moved,
 * cells changed by column). Whole-document text diffs are never computed, so the cost stays
 * proportional to the blocks, not to the square of the text.
 */
export function diffBodies(before: NodeJSON, after: NodeJSON): BodyDiff {
  const old = textUnits(before)
  const now = textUnits(after)
  const rows = rowChanges(old.rows, now.rows)
  const movedRows = new Set(rows.filter((row) => row.change === 'moved').map((row) => row.id))
  const blocks = blockChanges(old.units, now.units, movedRows)
  return { changed: rows.length > 0 || blocks.length > 0, blocks, rows }
}
