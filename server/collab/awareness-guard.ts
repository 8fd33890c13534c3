import * as encoding from 'lib0/encoding'
import type { AwarenessEntry } from './protocol.ts'

/** What to do with an awareness message. */
export interface AwarenessVerdict {
  /** Entries of the connection's own client id: to apply. */
  readonly own: readonly AwarenessEntry[]
  /** Client ids the message tried to change that belong to someone else: close with 4403. */
  readonly refused: readonly number[]
}

/**
 * Binds a connection to the first awareness client id it sets, and keeps it from changing anyone
 * else's presence. The stock y-websocket client re-sends every awareness change it receives,
 * including other people's states and their time-out removals, always with a clock the server
 * already has: such echoes are dropped. An entry for another id with a newer clock than the
 * server's (an attempt to set or remove someone else's state) is refused.
 */
export class AwarenessGuard {
  private bound: number | undefined

  /** The bound client id, once the connection set its presence. */
  get clientId(): number | undefined {
    return this.bound
  }

  /**
   * Sorts `entries`; `serverClock(id)` is the server's clock for an id (undefined when unknown) and
   * `boundElsewhere(id)` says whether another person's connection holds it. Binds the first new id.
   */
  judge(entries: readonly AwarenessEntry[], serverClock: (id: number) => number | undefined, boundElsewhere: (id: number) => boolean): AwarenessVerdict {
    const own: AwarenessEntry[] = []
    const refused: number[] = []
    for (const entry of entries) {
      const known = serverClock(entry.clientId)
      const newer = known === undefined || entry.clock > known
      if (entry.clientId === this.bound) own.push(entry)
      else if (!newer || (known === undefined && entry.state === null)) continue
      else if (this.bound === undefined && !boundElsewhere(entry.clientId)) {
        this.bound = entry.clientId
        own.push(entry)
      } else refused.push(entry.clientId)
    }
    return { own, refused }
  }
}

/** Encodes awareness entries as an awareness update (the y-protocols wire format). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}
