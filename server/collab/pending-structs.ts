import type { ID } from 'yjs'

/** A run of structs `[clock, clock+length)` of one client and the root type it lands in (null: nowhere). */
export interface StructRun {
  readonly client: number
  readonly clock: number
  readonly length: number
  readonly root: string | null
}

/**
 * Structs of updates that were authorized but are not applied yet (they wait for their durable
 * write). Later updates may build on them, so authorization looks items up here after the
 * document's own store.
 */
export class PendingStructs {
  private readonly runs = new Map<number, StructRun[]>()

  /** Adds the runs of an authorized update. */
  add(runs: readonly StructRun[]): void {
    for (const run of runs) {
      const list = this.runs.get(run.client)
      if (list === undefined) this.runs.set(run.client, [run])
      else list.push(run)
    }
  }

  /** Removes the runs of an update once it is applied (or dropped). */
  remove(runs: readonly StructRun[]): void {
    for (const run of runs) {
      const list = this.runs.get(run.client)
      if (list === undefined) continue
      const index = list.indexOf(run)
      if (index >= 0) list.splice(index, 1)
      if (list.length === 0) this.runs.delete(run.client)
    }
  }

  /** The next clock of `client` counting pending runs (0 when none). */
  state(client: number): number {
    let end = 0
    for (const run of this.runs.get(client) ?? []) end = Math.max(end, run.clock + run.length)
    return end
  }

  /** The run holding `id`, or undefined. */
  find(id: ID): StructRun | undefined {
    return this.runs.get(id.client)?.find((run) => id.clock >= run.clock && id.clock < run.clock + run.length)
  }
}
