// The rules of the update log that both storages follow (design.md, "Storage"): which states can
// still be read after compaction, how a state is merged from a checkpoint and the updates after
// it, and which checkpoints a compaction keeps. Each storage does only the reading and writing.

import * as Y from 'yjs'
import { StorageError, type Checkpoint, type LoadedLog } from './storage.ts'

/** A report's log positions: the last stored seq, and the seq through which the log was merged. */
export interface LogSeqs {
  readonly last_seq: number
  readonly compacted_through: number
}

/**
 * Throws unless the state at `seq` can be read: `not-found` outside the log, `compacted` when
 * compaction merged it away (only the seqs that kept a checkpoint, the versions', remain).
 * `checkpoint` is the newest at or before `seq`.
 */
export function checkReadable(report: string, seq: number, seqs: LogSeqs, checkpoint: Checkpoint | undefined): void {
  if (seq < 0 || seq > seqs.last_seq)
    throw new StorageError('not-found', `Report "${report}" has no seq ${seq} (last is ${seqs.last_seq}).`)
  if (seq <= seqs.compacted_through && checkpoint?.seq !== seq) {
    throw new StorageError(
      'compacted',
      `The state of "${report}" at seq ${seq} was merged by compaction; only versions' states are kept.`,
    )
  }
}

/** The one state a checkpoint and the updates after it make. */
export function mergedState({ checkpoint, updates }: Pick<LoadedLog, 'checkpoint' | 'updates'>): Uint8Array {
  const parts = [...(checkpoint ? [checkpoint.state] : []), ...updates.map((entry) => entry.update)]
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts)
}

/**
 * The range a compaction through `upTo` (default: the whole log) merges, (after, end], or
 * undefined when it was merged already. It keeps a checkpoint at each version's seq inside the
 * range and at its end, and drops the updates and the other checkpoints of the range.
 */
export function compactionRange(
  seqs: LogSeqs,
  upTo: number | undefined,
): { readonly after: number; readonly end: number } | undefined {
  const end = Math.min(upTo ?? seqs.last_seq, seqs.last_seq)
  return end <= seqs.compacted_through ? undefined : { after: seqs.compacted_through, end }
}
