// The y-websocket wire protocol: parse incoming messages strictly, encode outgoing ones.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { errorMessage } from '../../schema/error-message.ts'

/** Outer message types of y-websocket. */
export const messageSync = 0
/** Awareness update. */
export const messageAwareness = 1
/** Auth message (server to client only). */
export const messageAuth = 2
/** Query awareness: the peer asks for every known state. */
export const messageQueryAwareness = 3

/** Sync sub-types of y-protocols/sync. */
export const syncStep1 = 0
/** Sync step 2: the state the other side lacks. */
export const syncStep2 = 1
/** An incremental update. */
export const syncUpdate = 2

/** One awareness entry as sent on the wire. */
export interface AwarenessEntry {
  readonly clientId: number
  readonly clock: number
  /** The state, or null for "removed". */
  readonly state: unknown
}

/** A parsed incoming message. */
export type IncomingMessage =
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'update'; readonly update: Uint8Array; readonly step2: boolean }
  | { readonly kind: 'awareness'; readonly update: Uint8Array; readonly entries: readonly AwarenessEntry[] }
  | { readonly kind: 'query-awareness' }

/** A message that is not valid y-protocols. */
export class MalformedMessage extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedMessage'
  }
}

function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    entries.push({ clientId, clock, state })
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the awareness entries')
  return entries
}

function parse(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  let message: IncomingMessage
  switch (type) {
    case messageSync: {
      const sub = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (sub === syncStep1) {
        Y.decodeStateVector(payload)
        message = { kind: 'sync-step-1', stateVector: payload }
      } else if (sub === syncStep2 || sub === syncUpdate) {
        message = { kind: 'update', update: payload, step2: sub === syncStep2 }
      } else {
        throw new MalformedMessage(`unknown sync message type ${sub}`)
      }
      break
    }
    case messageAwareness: {
      const update = decoding.readVarUint8Array(decoder)
      message = { kind: 'awareness', update, entries: decodeAwareness(update) }
      break
    }
    case messageQueryAwareness:
      message = { kind: 'query-awareness' }
      break
    default:
      throw new MalformedMessage(`unknown message type ${type}`)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message')
  return message
}

/** Parses one incoming message; throws {@link MalformedMessage} for anything that is not valid y-protocols. */
export function parseMessage(data: Uint8Array): IncomingMessage {
  try {
    return parse(data)
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(errorMessage(error))
  }
}

/** Sync step 1 carrying `doc`'s state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncStep1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/** The whole-document answer of each doc, while nothing changed it since (see {@link encodeSyncStep2}). */
const wholeAnswers = new WeakMap<Y.Doc, { message: Uint8Array | undefined }>()

/** True for the state vector of an empty document: a client that has nothing yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}

function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * Sync step 2: what `doc` has beyond `stateVector`.
 *
 * The answer to a client that has nothing (every new browser tab, every observer) is the whole
 * document, and encoding the annual report takes 10–50 ms; it is kept and sent to the next such
 * client until any transaction changes the document. When many people open a report at once, as
 * at a deadline, the server encodes it once instead of once per person.
 */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  if (!isEmptyStateVector(stateVector)) return syncStep2Message(Y.encodeStateAsUpdate(doc, stateVector))
  const cached = wholeAnswerOf(doc)
  cached.message ??= syncStep2Message(Y.encodeStateAsUpdate(doc))
  return cached.message
}

function wholeAnswerOf(doc: Y.Doc): { message: Uint8Array | undefined } {
  let cached = wholeAnswers.get(doc)
  if (cached === undefined) {
    const entry: { message: Uint8Array | undefined } = { message: undefined }
    doc.on('afterTransaction', () => {
      entry.message = undefined
    })
    wholeAnswers.set(doc, entry)
    cached = entry
  }
  return cached
}

/**
 * Gives {@link encodeSyncStep2} the whole state of a just-loaded `doc` as stored (a checkpoint, or
 * the single import update): the first client of a report loaded from storage is answered with
 * those bytes instead of waiting for a fresh encoding of the whole report (≈ 50 ms).
 */
export function primeWholeAnswer(doc: Y.Doc, storedState: Uint8Array): void {
  wholeAnswerOf(doc).message = syncStep2Message(storedState)
}

/** An incremental update message. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncUpdate)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness message carrying an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
