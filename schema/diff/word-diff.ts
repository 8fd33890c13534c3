import { diffWordsWithSpace } from 'diff'

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface WordChange {
  readonly op: 'equal' | 'insert' | 'delete'
  readonly text: string
}

/**
 * A word-level diff of two texts, with whitespace kept so the runs concatenate back to either
 * side. Accented letters count as word characters (jsdiff's default tokenizer).
 */
export function wordDiff(before: string, after: string): WordChange[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : []
  return diffWordsWithSpace(before, after).map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value,
  }))
}

/** The text of one side of a word diff: `before` drops insertions, `after` drops deletions. */
export function sideOf(changes: readonly WordChange[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete'
  return changes
    .filter((change) => change.op !== skip)
    .map((change) => change.text)
    .join('')
}
