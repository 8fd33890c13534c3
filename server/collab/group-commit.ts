/**
 * Group commit: entries enqueued while a write is in flight go together into the next single write,
 * so many small durable writes cost about as much as one. Each `enqueue` resolves with that entry's
 * result once its write has completed, in enqueue order.
 */
export class GroupCommit<Entry, Result> {
  private queue: Array<{ entry: Entry; resolve: (result: Result) => void; reject: (error: unknown) => void }> = []
  private inFlight: Promise<void> | undefined
  private scheduled = false
  private writes = 0
  private written = 0

  /** `write` stores a batch in one transaction and resolves with one result per entry, in order. */
  constructor(private readonly write: (batch: Entry[]) => Promise<Result[]>) {}

  /** Queues `entry`; resolves when it is durably written, rejects when its batch failed. */
  enqueue(entry: Entry): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject })
      this.schedule()
    })
  }

  /** Resolves when everything enqueued so far has been written (or failed). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight !== undefined || this.scheduled) {
      await (this.inFlight ?? new Promise<void>((resolve) => setImmediate(resolve)))
    }
  }

  /** Writes done and entries written so far (entries / writes is the mean batch size). */
  get stats(): { readonly writes: number; readonly entries: number } {
    return { writes: this.writes, entries: this.written }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight !== undefined) return
    this.scheduled = true
    // setImmediate lets every message already received in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false
      this.run()
    })
  }

  private run(): void {
    const batch = this.queue
    this.queue = []
    if (batch.length === 0) return
    this.writes++
    this.written += batch.length
    this.inFlight = (async () => {
      try {
        const results = await this.write(batch.map((item) => item.entry))
        batch.forEach((item, i) => item.resolve(results[i]!))
      } catch (error) {
        for (const item of batch) item.reject(error)
      } finally {
        this.inFlight = undefined
        if (this.queue.length > 0) this.schedule()
      }
    })()
  }
}
