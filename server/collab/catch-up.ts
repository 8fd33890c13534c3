// Several instances: reading back from storage what other instances stored, when the bus did not
// bring it (a missing seq, a message that could not be applied, a document taken over).

import type { LoadedLog } from '../storage/storage.ts'

/**
 * Reads what is stored after `after`, for catching up with other instances: the updates after it,
 * or, when compaction merged some of them, the latest checkpoint and the updates after that.
 */
export type ReadLogAfter = (after: number) => Promise<LoadedLog>

/** When a seq is missing (another instance stored it, the bus has not brought it yet), wait this long for the bus before reading storage: the bus takes about a millisecond. */
const gapWaitMs = 100

/** How a document catches up: where it reads, what it applies, and who hears of a failed read nobody waits for. */
export interface CatchUpOptions {
  /** Reads the log; undefined with one instance (nothing to catch up with). */
  readonly read: ReadLogAfter | undefined
  /** The seq everything up to is applied (read after it). */
  readonly lastSeq: () => number
  /** Applies what was read. */
  readonly apply: (log: LoadedLog) => void
  /** False once the document failed or was freed: nothing more is read. */
  readonly live: () => boolean
  /** Told of a read that failed in the background (a gap, a bad relayed message); the one place these are reported. */
  readonly onBackgroundFailure: (error: unknown) => void
}

/** Serialized reads of the log after the applied seqs, and the wait before reading for a gap. */
export class CatchUp {
  private next: Promise<void> | undefined
  private tail: Promise<void> = Promise.resolve()
  private gapTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: CatchUpOptions) {}

  /**
   * Reads from storage what other instances stored after the last applied seq and applies it.
   * Resolves once a read that started after this call is applied, so a connection that joins after
   * it sees everything stored before it joined. With one instance it resolves at once.
   */
  run(): Promise<void> {
    const { read, live } = this.options
    if (read === undefined || !live()) return Promise.resolve()
    // A catch-up queued but not started yet reads everything stored before this call: join it.
    if (this.next === undefined) {
      const next = this.tail.then(async () => {
        this.next = undefined
        if (!live()) return
        const log = await read(this.options.lastSeq())
        if (live()) this.options.apply(log)
      })
      this.next = next
      // The next read waits for this one to end, however it ends; its caller hears how.
      this.tail = next.then(
        () => undefined,
        () => undefined,
      )
    }
    return this.next
  }

  /** Runs a catch-up nobody waits for; a failure goes to `onBackgroundFailure`. */
  inBackground(): void {
    this.run().catch((error: unknown) => this.options.onBackgroundFailure(error))
  }

  /** A seq is missing: give the bus a moment to bring it, then read it from storage (once `stillMissing` says so). */
  watchGap(stillMissing: () => boolean): void {
    if (!stillMissing() || this.gapTimer !== undefined || this.options.read === undefined) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined
      if (stillMissing()) this.inBackground()
    }, gapWaitMs)
    this.gapTimer.unref()
  }

  /** Stops the gap timer (the document is freed). */
  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.gapTimer = undefined
  }
}
