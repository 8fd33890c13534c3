// Seeded generators of malformed /collab messages for the fuzz test. Every message made here is
// invalid by construction (never valid by chance), so the server must close each with a 44xx code.

import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'

/** The kinds of bad message the fuzzer sends. */
export const malformedKinds = [
  'random-bytes',
  'truncated-varint',
  'huge-length',
  'invalid-yjs',
  'impossible-clock',
  'unknown-deletion',
  'garbage-awareness',
  'text-frame',
] as const

/** One kind of bad message. */
export type MalformedKind = (typeof malformedKinds)[number]

/** A bad message and what it is. */
export interface MalformedMessage {
  readonly kind: MalformedKind
  readonly data: Uint8Array | string
}

/** A varint claiming 2^31 or more bytes (or entries). */
const huge = () => 2 ** 31

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint(encoder, sub)
    encoding.writeVarUint8Array(encoder, payload)
  })
}

/** A real Yjs update that starts at clock `clock` of `clientId`: the server lacks everything before it. */
function updateWithGap(random: prng.PRNG, clientId: number, clock: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  // Every character takes one clock: this advances the client's clock without being sent.
  doc.getText('scratch').insert(0, 'x'.repeat(clock))
  const before = Y.encodeStateVector(doc)
  doc
    .getXmlFragment(prng.oneOf(random, ['es/background', 'en/iom', 'sections']))
    .insert(0, [new Y.XmlText(prng.word(random, 1, 12))])
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

/** Makes one bad message of `kind`; `knownClientIds` are ids of real editing clients to forge clocks for. */
export function malformedMessage(
  random: prng.PRNG,
  kind: MalformedKind,
  knownClientIds: readonly number[],
): MalformedMessage {
  switch (kind) {
    case 'random-bytes':
      // A first byte of 4..127 is no y-websocket message type; the rest is noise.
      return {
        kind,
        data: new Uint8Array([prng.int32(random, 4, 127), ...prng.uint8Array(random, prng.int32(random, 0, 256))]),
      }
    case 'truncated-varint': {
      // Continuation bits with nothing after them, at the type, sub-type or length position.
      const open = Array.from({ length: prng.int32(random, 1, 9) }, () => prng.int32(random, 0x80, 0xff))
      const prefix = prng.oneOf(random, [[], [0], [0, 0], [0, 1], [0, 2], [1]])
      return { kind, data: new Uint8Array([...prefix, ...open]) }
    }
    case 'huge-length': {
      const tail = prng.uint8Array(random, prng.int32(random, 0, 16))
      const where = prng.int32(random, 0, 3)
      if (where === 0)
        return {
          kind,
          data: frame((e) => {
            encoding.writeVarUint(e, 0)
            encoding.writeVarUint(e, prng.int32(random, 0, 2))
            encoding.writeVarUint(e, huge())
            encoding.writeUint8Array(e, tail)
          }),
        }
      if (where === 1)
        return {
          kind,
          data: frame((e) => {
            encoding.writeVarUint(e, 1)
            encoding.writeVarUint(e, huge())
            encoding.writeUint8Array(e, tail)
          }),
        }
      // Well-framed, but the update (or the awareness list) inside claims 2^31 entries or bytes.
      if (where === 2)
        return {
          kind,
          data: syncMessage(
            2,
            frame((e) => {
              encoding.writeVarUint(e, huge())
              encoding.writeUint8Array(e, tail)
            }),
          ),
        }
      return {
        kind,
        data: frame((e) => {
          encoding.writeVarUint(e, 1)
          encoding.writeVarUint8Array(
            e,
            frame((inner) => {
              encoding.writeVarUint(inner, 1)
              encoding.writeVarUint(inner, 7)
              encoding.writeVarUint(inner, 1)
              encoding.writeVarUint(inner, huge())
              encoding.writeUint8Array(inner, tail)
            }),
          )
        }),
      }
    }
    case 'invalid-yjs':
      // Valid framing; the update claims a million structs but carries at most 100 bytes.
      return {
        kind,
        data: syncMessage(
          prng.int32(random, 1, 2),
          frame((e) => {
            encoding.writeVarUint(e, prng.int32(random, 1, 5))
            encoding.writeVarUint(e, 1_000_000)
            encoding.writeUint8Array(e, prng.uint8Array(random, prng.int32(random, 0, 100)))
          }),
        ),
      }
    case 'impossible-clock': {
      // A well-formed update whose first struct sits far past the client's clock (a gap): a fresh
      // client id, or the id of one of the real editors, which must not be disturbed.
      const forged = knownClientIds.length > 0 && prng.bool(random)
      const clientId = forged ? prng.oneOf(random, [...knownClientIds]) : prng.uint32(random, 0, 0x7fffffff)
      return {
        kind,
        data: syncMessage(2, updateWithGap(random, clientId, prng.int32(random, forged ? 100_000 : 1, 200_000))),
      }
    }
    case 'unknown-deletion':
      // No structs, one deleted range of items the server has never had.
      return {
        kind,
        data: syncMessage(
          2,
          frame((e) => {
            encoding.writeVarUint(e, 0)
            encoding.writeVarUint(e, 1)
            encoding.writeVarUint(e, prng.uint32(random, 0, 0x7fffffff))
            encoding.writeVarUint(e, 1)
            encoding.writeVarUint(e, prng.int32(random, 1_000_000, 2 ** 30))
            encoding.writeVarUint(e, prng.int32(random, 1, 1000))
          }),
        ),
      }
    case 'garbage-awareness':
      return {
        kind,
        data: frame((e) => {
          encoding.writeVarUint(e, 1)
          encoding.writeVarUint8Array(
            e,
            frame((inner) => {
              encoding.writeVarUint(inner, 1)
              encoding.writeVarUint(inner, prng.uint32(random, 0, 0x7fffffff))
              encoding.writeVarUint(inner, prng.int32(random, 1, 1000))
              // An unterminated object: never valid JSON.
              encoding.writeVarString(inner, `{"user":{"name":"${prng.word(random, 0, 20)}"`)
            }),
          )
        }),
      }
    case 'text-frame':
      return { kind, data: prng.word(random, 1, 64) }
  }
}
