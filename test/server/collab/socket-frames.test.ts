import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { binaryFrame, FrameWriter } from '../../../server/collab/socket-frames.ts'
import { waitLimits } from '../clients.ts'

let server: WebSocketServer | undefined

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

/** A server whose first connection writes `messages` with a FrameWriter (all in one turn), and a stock `ws` client that collects what it receives. */
async function sendThrough(messages: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  server = wss
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws) => {
    const writer = new FrameWriter((ws as unknown as { _socket: Duplex })._socket)
    for (const message of messages) writer.write(message)
  })
  const received: Uint8Array[] = []
  const frames: string[] = []
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  client.on('message', (data: Buffer, isBinary) => {
    frames.push(isBinary ? 'binary' : 'text')
    received.push(new Uint8Array(data))
  })
  try {
    // Every message received (their lengths, so that a failure shows which are missing).
    await vi.waitFor(
      () => expect(received.map((message) => message.length)).toEqual(messages.map((message) => message.length)),
      waitLimits(),
    )
  } finally {
    client.terminate()
  }
  expect(frames).toEqual(messages.map(() => 'binary'))
  return received
}

const filled = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251)

describe('socket frames', () => {
  it('reach a stock client whole and in order, for each length encoding', async () => {
    // 0 and 125: 7-bit lengths; 126 and 65535: 16-bit; 65536 and 300,000: 64-bit (written as header and payload).
    const messages = [0, 1, 125, 126, 4000, 65535, 65536, 300_000].map((length, i) => filled(length, i))
    expect(await sendThrough(messages)).toEqual(messages)
  })

  it('frames a message once however many sockets it goes to', () => {
    const message = filled(40, 1)
    expect(binaryFrame(message)).toBe(binaryFrame(message))
    expect(binaryFrame(filled(40, 1))).not.toBe(binaryFrame(message))
  })
})
