// What instances tell each other about a report: its stored updates (with their seqs) and its
// presence. The bus is only a fast path: storage stays the truth, and an instance that misses a
// message catches up from storage (see `ReportDocument.catchUp`).

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { errorMessage } from '../../schema/error-message.ts'

/** A stored update relayed to the other instances (stored and authorized by `instance`). */
export interface RelayedUpdate {
  readonly kind: 'update'
  readonly report: string
  /** The instance that stored it (its own messages come back and are skipped). */
  readonly instance: string
  readonly seq: number
  readonly user: string
  readonly update: Uint8Array
}

/** A presence (y-protocols awareness) update relayed to the other instances. */
export interface RelayedPresence {
  readonly kind: 'presence'
  readonly report: string
  readonly instance: string
  readonly update: Uint8Array
}

/** A message on the bus. */
export type BusMessage = RelayedUpdate | RelayedPresence

/** The state of the bus connection, for `/readyz` and the logs. */
export type BusStatus = 'connected' | 'disconnected'

/** Relays messages between the instances serving the same reports. */
export interface ReportBus {
  /** This instance's id, unique among running instances. */
  readonly instance: string
  /** Delivers the messages of `report` from other instances to `listener` until {@link unsubscribe}. */
  subscribe(report: string, listener: (message: BusMessage) => void): Promise<void>
  /** Stops delivering messages of `report`. */
  unsubscribe(report: string): void
  /** Sends a message to the other instances; never throws (when the bus is down the message is dropped: storage has the update). */
  publish(message: BusMessage): void
  /** Called each time the bus connection comes back after being lost: messages may have been missed. */
  onReconnect(listener: () => void): void
  readonly status: BusStatus
  /** Disconnects. */
  close(): Promise<void>
}

const messageKinds = { update: 1, presence: 2 } as const

/** Largest report id, user name and instance id accepted from the bus (they are slugs and names). */
const maxNameLength = 200

/** Encodes a bus message (binary: kind, report, instance, then seq, user and update, or the presence update). */
export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageKinds[message.kind])
  encoding.writeVarString(encoder, message.report)
  encoding.writeVarString(encoder, message.instance)
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, message.seq)
    encoding.writeVarString(encoder, message.user)
  }
  encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

/** A bus message that is not one this program writes. */
export class MalformedBusMessage extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedBusMessage'
  }
}

function readName(decoder: decoding.Decoder, what: string): string {
  const value = decoding.readVarString(decoder)
  if (value.length === 0 || value.length > maxNameLength)
    throw new MalformedBusMessage(`${what} of ${value.length} characters`)
  return value
}

/** Decodes what {@link encodeBusMessage} wrote; throws {@link MalformedBusMessage} for anything else. */
export function decodeBusMessage(bytes: Uint8Array): BusMessage {
  try {
    const decoder = decoding.createDecoder(bytes)
    const kind = decoding.readVarUint(decoder)
    const report = readName(decoder, 'report id')
    const instance = readName(decoder, 'instance id')
    let message: BusMessage
    if (kind === messageKinds.update) {
      const seq = decoding.readVarUint(decoder)
      if (seq < 1 || !Number.isSafeInteger(seq)) throw new MalformedBusMessage(`seq ${seq}`)
      const user = readName(decoder, 'user name')
      message = { kind: 'update', report, instance, seq, user, update: decoding.readVarUint8Array(decoder) }
    } else if (kind === messageKinds.presence) {
      message = { kind: 'presence', report, instance, update: decoding.readVarUint8Array(decoder) }
    } else {
      throw new MalformedBusMessage(`unknown message kind ${kind}`)
    }
    if (decoding.hasContent(decoder)) throw new MalformedBusMessage('bytes after the end of the message')
    return message
  } catch (error) {
    if (error instanceof MalformedBusMessage) throw error
    throw new MalformedBusMessage(`truncated or invalid: ${errorMessage(error)}`)
  }
}
