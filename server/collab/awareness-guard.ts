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
 *
 * A client that reconnects re-sends its own presence with the clock it had, which the server may
 * already have from its previous connection: that entry binds the new connection too when the
 * same user held the id before. Left unbound, the connection's updates that build on its own
 * content not sent yet would be refused (4400) instead of held, and the page would stop.
 */
export class AwarenessGuard {
  private bound: number | undefined

  /** The bound client id, once the connection set its presence. */
  get clientId(): number | undefined {
    return this.bound
  }

  /**
   * Sorts `entries`; `serverClock(id)` is the server's clock for an id (undefined when unknown),
   * `boundElsewhere(id)` says whether another person's connection holds it, and `heldBefore(id)`
   * whether this connection's user held it. Binds the first new id, or the first re-sent one of
   * this user's.
   */
  judge(
    entries: readonly AwarenessEntry[],
    serverClock: (id: number) => number | undefined,
    boundElsewhere: (id: number) => boolean,
    heldBefore: (id: number) => boolean = () => false,
  ): AwarenessVerdict {
    const own: AwarenessEntry[] = []
    const refused: number[] = []
    for (const entry of entries) {
      const known = serverClock(entry.clientId)
      const newer = known === undefined || entry.clock > known
      const resent =
        this.bound === undefined && entry.state !== null && entry.clock === known && heldBefore(entry.clientId)
      if (entry.clientId === this.bound) own.push(entry)
      else if ((!newer && !resent) || (known === undefined && entry.state === null)) continue
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

/** Largest presence state, as JSON: a name, a colour, a section and a cursor take about 300 bytes, so 4 KiB leaves room and keeps a flood of fat states from being relayed to everyone. */
export const maxPresenceBytes = 4 * 1024

/** Who a presence state is shown as: the signed-in user's name and, for agencies, their actors. */
export interface PresenceIdentity {
  readonly username: string
  readonly role: string
  readonly actors: readonly string[]
}

/** Cursor colours y-prosemirror accepts: six-digit hex. */
const colourPattern = /^#[0-9a-fA-F]{6}$/

/** Section ids are slugs; anything else is not shown as the section a person is in. */
const sectionPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Why a presence state is refused. */
export class PresenceRefused extends Error {}

/**
 * The presence state to relay for `state` sent by a connection of `who`: the `user` field's name
 * is the signed-in username and its `actor` one of the agency's own actors (the first, unless the
 * client named another of them), whatever the client wrote; the client chooses only the colour,
 * the section it is in, and the other fields (the editor's cursor). Null (a removal) stays null.
 * Throws {@link PresenceRefused} for a state that is not an object or is larger than
 * {@link maxPresenceBytes}.
 */
export function presenceState(state: unknown, who: PresenceIdentity): unknown {
  if (state === null) return null
  if (typeof state !== 'object' || Array.isArray(state)) throw new PresenceRefused('a presence state must be an object')
  const size = JSON.stringify(state).length
  if (size > maxPresenceBytes)
    throw new PresenceRefused(`a presence state of ${size} bytes exceeds the limit of ${maxPresenceBytes}`)
  const { user: given, ...rest } = state as { user?: unknown }
  const sent =
    given !== null && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {}
  const actor =
    who.role === 'agency'
      ? typeof sent['actor'] === 'string' && who.actors.includes(sent['actor'])
        ? sent['actor']
        : who.actors[0]
      : undefined
  const user = {
    name: who.username,
    ...(typeof sent['color'] === 'string' && colourPattern.test(sent['color'])
      ? { color: sent['color'] }
      : { color: '#1f6feb' }),
    ...(actor !== undefined && { actor }),
    ...(typeof sent['section'] === 'string' && sectionPattern.test(sent['section']) && { section: sent['section'] }),
  }
  return { ...rest, user }
}
