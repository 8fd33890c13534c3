// The y-websocket patches (client/patches/y-websocket.ts) rely on members the package does not
// document. These tests run the patched and the stock provider side by side, without a browser:
// they fail if a new version of y-websocket no longer has those members, or no longer needs the
// patch (then remove it).

import { readFileSync } from 'node:fs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  patchedYWebsocketVersion,
  quietServerMessages,
  sendOnlyOwnAwareness,
} from '../../../client/patches/y-websocket.ts'

const messageSync = 0

/** A provider that never connects, with a stand-in socket that records what it would send. */
function offlineProvider(): { provider: WebsocketProvider; doc: Y.Doc; sent: Uint8Array[] } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'report', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as never,
  })
  const sent: Uint8Array[] = []
  provider.ws = {
    readyState: WebSocket.OPEN,
    OPEN: WebSocket.OPEN,
    send: (message: Uint8Array) => sent.push(message),
    close: () => {},
  } as never
  provider.wsconnected = true
  return { provider, doc, sent }
}

/** Someone else's presence as the server relays it. */
function othersPresence(): Uint8Array {
  const other = new Awareness(new Y.Doc())
  other.setLocalState({ user: { name: 'Ana' } })
  return encodeAwarenessUpdate(other, [other.clientID])
}

/** Hands a sync message to the provider's handler as y-websocket's `readMessage` does. */
function receiveSync(provider: WebsocketProvider, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const message = encoding.createEncoder()
  write(message)
  const reply = encoding.createEncoder()
  provider.messageHandlers[messageSync]!(
    reply,
    decoding.createDecoder(encoding.toUint8Array(message)),
    provider,
    true,
    messageSync,
  )
  return encoding.toUint8Array(reply)
}

const providers: WebsocketProvider[] = []
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy()
})

beforeAll(() => {
  // The patch compares with the browser's WebSocket.OPEN; Node 20 has no global WebSocket.
  globalThis.WebSocket ??= WebSocket as never
})

describe('the y-websocket patches', () => {
  it('are for the exact version installed (package.json pins it)', () => {
    const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
    const installed = json('../../../node_modules/y-websocket/package.json').version
    const pinned = json('../../../package.json').dependencies['y-websocket']
    expect({ installed, pinned }).toEqual({ installed: patchedYWebsocketVersion, pinned: patchedYWebsocketVersion })
  })

  it("send our own presence only, where the stock provider relays others' too", () => {
    const stock = offlineProvider()
    const patched = offlineProvider()
    providers.push(stock.provider, patched.provider)
    sendOnlyOwnAwareness(patched.provider)
    for (const { provider } of [stock, patched]) {
      provider.awareness.setLocalState({ user: { name: 'Luis' } })
    }
    expect([stock.sent.length, patched.sent.length]).toEqual([1, 1])
    const presence = othersPresence()
    for (const { provider } of [stock, patched]) {
      receiveSyncOrAwareness(provider, presence)
    }
    // The stock provider sends Ana's presence back to the server, which would close it (4403).
    expect({ stock: stock.sent.length, patched: patched.sent.length }).toEqual({ stock: 2, patched: 1 })
    expect(patched.provider.awareness.getStates().size).toBe(2)
  })

  it('apply what the server sends with the quiet listeners off, and call them once after', async () => {
    const { provider, doc, sent } = offlineProvider()
    providers.push(provider)
    const calls: string[] = []
    const quietListeners = new Set([() => calls.push('listener')])
    for (const listener of quietListeners) doc.on('update', listener)
    quietServerMessages(provider, { quietListeners, serverStep1Answered: () => calls.push('step 1 answered') })

    const server = new Y.Doc()
    server.transact(() => {
      server.getXmlFragment('es/mandate').insert(0, [new Y.XmlElement('paragraph')])
      server.getXmlFragment('en/mandate').insert(0, [new Y.XmlElement('paragraph')])
    })
    receiveSync(provider, (encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(server)))
    expect(doc.getXmlFragment('es/mandate').length).toBe(1)
    // Nothing went back to the server (the provider's own update listener was off), one call after.
    expect({ sent: sent.length, calls }).toEqual({ sent: 0, calls: ['listener'] })

    doc.getXmlFragment('es/mandate').insert(1, [new Y.XmlElement('paragraph')])
    expect({ sent: sent.length, calls }).toEqual({ sent: 1, calls: ['listener', 'listener'] })

    const reply = receiveSync(provider, (encoder) => syncProtocol.writeSyncStep1(encoder, server))
    const answer = decoding.createDecoder(reply)
    expect([decoding.readVarUint(answer), decoding.readVarUint(answer)]).toEqual([
      messageSync,
      syncProtocol.messageYjsSyncStep2,
    ])
    expect(calls).not.toContain('step 1 answered')
    await Promise.resolve()
    expect(calls).toContain('step 1 answered')
  })
})

/** Hands an awareness message to the provider's handler. */
function receiveSyncOrAwareness(provider: WebsocketProvider, update: Uint8Array): void {
  const message = encoding.createEncoder()
  encoding.writeVarUint8Array(message, update)
  const messageAwareness = 1
  provider.messageHandlers[messageAwareness]!(
    encoding.createEncoder(),
    decoding.createDecoder(encoding.toUint8Array(message)),
    provider,
    true,
    messageAwareness,
  )
}
