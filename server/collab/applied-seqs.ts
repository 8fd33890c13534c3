// Which seqs of the log a live document has applied. With several instances, updates can arrive
// out of seq order (another instance's seq in between has not come yet): those are "ahead".

/** The seqs a document has applied: every one up to {@link last}, and some after it. */
export class AppliedSeqs {
  /** Seqs applied after {@link last} while one before them is missing. */
  private readonly ahead = new Set<number>()

  /** Every seq up to this one is applied. */
  constructor(public last: number) {}

  /** True when nothing after {@link last} is applied: the document holds exactly the log up to it. */
  get exact(): boolean {
    return this.ahead.size === 0
  }

  /** True when `seq` is applied. */
  has(seq: number): boolean {
    return seq <= this.last || this.ahead.has(seq)
  }

  /** Records that `seq` is applied; false when it already was. */
  add(seq: number): boolean {
    if (this.has(seq)) return false
    this.ahead.add(seq)
    this.advance()
    return true
  }

  /** Records that everything up to `seq` is applied (a checkpoint holds it). */
  addThrough(seq: number): void {
    for (const ahead of this.ahead) if (ahead <= seq) this.ahead.delete(ahead)
    this.last = Math.max(this.last, seq)
    this.advance()
  }

  private advance(): void {
    while (this.ahead.delete(this.last + 1)) this.last++
  }
}
