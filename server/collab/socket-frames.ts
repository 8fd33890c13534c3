// Outgoing WebSocket frames made once per message, however many sockets it goes to, and written
// to each socket as they are: a broadcast to 500 connections frames its message once, not 500
// times, and leaves in one write per socket.

import type { Duplex } from 'node:stream'

/** Binary data frame, FIN set (RFC 6455 §5.2): a whole message in one frame. */
const finBinary = 0x82

/** Messages up to this size are copied behind their header, so a socket gets one buffer (one write); larger ones are written as header and payload. */
const copiedPayloadBytes = 64 * 1024

/** The frame of each message sent lately, while the message is in use (a broadcast sends the same object to every socket). */
const frames = new WeakMap<Uint8Array, readonly Uint8Array[]>()

/** The unmasked binary frame of `message` (a server's frames are not masked): one buffer, or header and payload for large messages. */
export function binaryFrame(message: Uint8Array): readonly Uint8Array[] {
  let frame = frames.get(message)
  if (frame !== undefined) return frame
  const length = message.byteLength
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10
  const copied = length <= copiedPayloadBytes
  const head = Buffer.allocUnsafe(headerBytes + (copied ? length : 0))
  head[0] = finBinary
  if (length < 126) head[1] = length
  else if (length < 65536) {
    head[1] = 126
    head.writeUInt16BE(length, 2)
  } else {
    head[1] = 127
    head.writeBigUInt64BE(BigInt(length), 2)
  }
  if (copied) head.set(message, headerBytes)
  frame = copied ? [head] : [head, message]
  frames.set(message, frame)
  return frame
}

/** Sockets corked during the current turn of the event loop, uncorked together when it ends. */
const corked = new Set<Duplex>()
let turn = 0
let turnEnding = false

function endTurn(): void {
  turn++
  turnEnding = false
  for (const socket of corked) socket.uncork()
  corked.clear()
}

/** The number of the current event-loop turn (it ends at the next tick). */
function currentTurn(): number {
  if (!turnEnding) {
    turnEnding = true
    process.nextTick(endTurn)
  }
  return turn
}

/**
 * Writes frames to one socket. The first message of an event-loop turn is written at once; from
 * the second on, the socket is corked until the turn ends, so a stored batch of several updates
 * (or an answer and the presence after it) still leaves in one write.
 */
export class FrameWriter {
  private lastTurn = -1

  constructor(private readonly socket: Duplex) {}

  /** Writes `message` as one binary frame. */
  write(message: Uint8Array): void {
    const now = currentTurn()
    if (this.lastTurn === now && !corked.has(this.socket)) {
      this.socket.cork()
      corked.add(this.socket)
    }
    this.lastTurn = now
    const frame = binaryFrame(message)
    if (frame.length === 1) {
      this.socket.write(frame[0]!)
      return
    }
    // Header and payload of one message stay together even when this is the turn's first.
    this.socket.cork()
    for (const part of frame) this.socket.write(part)
    this.socket.uncork()
  }
}
