// Building a report's Y.Doc from its stored log so that one update that cannot be applied (a bug,
// a disk error) costs that update alone, not the report (design.md, "The server is the guard").

import * as Y from 'yjs'
import type { LoadedLog } from '../storage/storage.ts'
import { errorMessage } from '../../schema/error-message.ts'

/** A stored update that could not be applied when the log was replayed. */
export interface UnreadableUpdate {
  /** Its seq in the log (the checkpoint's seq when the checkpoint itself failed). */
  readonly seq: number
  /** What went wrong. */
  readonly error: string
}

/** A replayed log: the document and what of the log it had to leave out. */
export interface ReplayedLog {
  readonly doc: Y.Doc
  /** Updates left out, in seq order: those that threw, and those that build on them. */
  readonly unreadable: readonly UnreadableUpdate[]
}

/** True when `doc` holds structs or deletions waiting for content it does not have. */
function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/**
 * Replays `log` (checkpoint, then updates) into a new Y.Doc with garbage collection on. The usual
 * case is one transaction; when an update throws or leaves content waiting for something missing,
 * the log is replayed again update by update, leaving out each one that fails and those building
 * on it, so the document holds everything else.
 */
export function replayLog(log: LoadedLog): ReplayedLog {
  const doc = new Y.Doc({ gc: true })
  try {
    doc.transact(() => {
      if (log.checkpoint) Y.applyUpdate(doc, log.checkpoint.state)
      for (const entry of log.updates) Y.applyUpdate(doc, entry.update)
    })
    if (!hasPending(doc)) return { doc, unreadable: [] }
  } catch {
    // Replayed again below, one update at a time.
  }
  doc.destroy()
  const pieces: Array<{ seq: number; update: Uint8Array }> = [
    ...(log.checkpoint ? [{ seq: log.checkpoint.seq, update: log.checkpoint.state }] : []),
    ...log.updates.map((entry) => ({ seq: entry.seq, update: entry.update })),
  ]
  const good: Uint8Array[] = []
  const unreadable: UnreadableUpdate[] = []
  let current = new Y.Doc({ gc: true })
  for (const piece of pieces) {
    let error: string | undefined
    try {
      Y.applyUpdate(current, piece.update)
      if (hasPending(current)) error = 'it builds on content that is not in the log before it'
    } catch (thrown) {
      error = errorMessage(thrown)
    }
    if (error === undefined) {
      good.push(piece.update)
      continue
    }
    unreadable.push({ seq: piece.seq, error })
    current.destroy()
    current = new Y.Doc({ gc: true })
    const rebuilt = current
    rebuilt.transact(() => {
      for (const update of good) Y.applyUpdate(rebuilt, update)
    })
  }
  return { doc: current, unreadable }
}
