import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { closeMalformed, closeNotFound, closeTooLarge, closeUnauthorized } from '../../../schema/close-codes.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, firstParagraphText, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
const maxMessageBytes = 64 * 1024
let server: TestServer
let token: string
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)], maxMessageBytes })
  token = (await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

/** Opens a raw socket, sends `message` once open, and resolves with the close code. */
function sendRaw(message: Uint8Array | string, path = `${reportId}?token=${token}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/${path}`)
    socket.on('error', reject)
    socket.on('close', (code) => resolve(code))
    // Wait for the server's sync step 1, so the message is handled by the document, not only buffered.
    socket.once('message', () => socket.send(message))
  })
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('malformed and oversized messages', () => {
  it('closes random binary messages with 4400 while another client keeps editing', async () => {
    const seed = Number(process.env.SEED_MALFORMED ?? Date.now() % 1_000_000)
    console.log(`malformed messages: seed ${seed} (replay with SEED_MALFORMED=${seed})`)
    const random = prng.create(seed)
    const bystander = connectClient(server.wsUrl, reportId, token)
    clients.push(bystander)
    await bystander.synced
    for (let i = 0; i < 20; i++) {
      // A first byte of 4..255 is no y-websocket message type; the rest is random.
      const bytes = prng.uint8Array(random, prng.int32(random, 0, 64))
      const message = new Uint8Array([prng.int32(random, 4, 127), ...bytes])
      expect(await sendRaw(message)).toBe(closeMalformed)
    }
    typeInto(bystander.doc, 'es/background', 'SIGUE ')
    const watcher = connectClient(server.wsUrl, reportId, token)
    clients.push(watcher)
    await watcher.synced
    // The edit after the garbage reaches others.
    await vi.waitFor(() => expect(firstParagraphText(watcher.doc, 'es/background')).toMatch(/^SIGUE /), waitLimits())
    expect(bystander.closeCodes).toEqual([])
  })

  it('closes truncated sync and awareness messages with 4400', async () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('es/background').insert(0, [new Y.XmlText('x'.repeat(50))])
    const message = syncUpdateMessage(Y.encodeStateAsUpdate(doc))
    for (const cut of [1, 2, 3, 10, message.length - 1]) {
      expect(await sendRaw(message.slice(0, cut))).toBe(closeMalformed)
    }
    expect(await sendRaw(new Uint8Array([1, 10, 1, 5, 3]))).toBe(closeMalformed)
    expect(await sendRaw(new Uint8Array([0, 7, 0]))).toBe(closeMalformed)
    expect(await sendRaw('text is not the protocol')).toBe(closeMalformed)
  })

  it('closes an update that builds on content the server does not have with 4400', async () => {
    const doc = new Y.Doc()
    const text = new Y.XmlText()
    doc.getXmlFragment('es/background').insert(0, [text])
    const vector = Y.encodeStateVector(doc)
    text.insert(0, 'depends on the first update')
    // Only the second update is sent: its item's origin is missing on the server.
    expect(await sendRaw(syncUpdateMessage(Y.encodeStateAsUpdate(doc, vector)))).toBe(closeMalformed)
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
  })

  it('closes a message larger than the limit with 4413', async () => {
    expect(await sendRaw(new Uint8Array(maxMessageBytes + 1))).toBe(closeTooLarge)
    expect(await sendRaw(new Uint8Array(maxMessageBytes * 2))).toBe(closeTooLarge)
  })
})

describe('connection refusals', () => {
  it('closes a socket without a valid session with 4401', async () => {
    const anonymous = connectClient(server.wsUrl, reportId, undefined)
    clients.push(anonymous)
    expect(await closedWithin(anonymous)).toBe(closeUnauthorized)
    const forged = connectClient(server.wsUrl, reportId, 'forged-token')
    clients.push(forged)
    expect(await closedWithin(forged)).toBe(closeUnauthorized)
  })

  it('closes a socket for an unknown report with 4404', async () => {
    const lost = connectClient(server.wsUrl, 'no-such-report', token)
    clients.push(lost)
    expect(await closedWithin(lost)).toBe(closeNotFound)
  })
})
