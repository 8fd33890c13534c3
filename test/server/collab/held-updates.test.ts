// A client that typed while reconnecting sends its newest edits as soon as the socket opens and the
// older unsent ones only in its sync step 2: updates that build on its own content not sent yet
// are held (nobody sees them, nothing is stored) until that content arrives; anything else that
// builds on missing content is still refused with 4400 at once.

import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import {
  closedWithin,
  connectClient,
  firstParagraphText,
  letAnythingArrive,
  typeInto,
  waitLimits,
  type TestClient,
} from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
let token: string
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  token = (await server.login('admin', testAdminPassword)).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

function awarenessMessage(doc: Y.Doc): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'raw' } })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
  awareness.destroy()
  return encoding.toUint8Array(encoder)
}

/** A raw socket holding the server's document in `doc`, and the close code it gets. */
async function rawClient(): Promise<{ socket: WebSocket; doc: Y.Doc; closed: Promise<number> }> {
  const doc = new Y.Doc()
  // The document as the server has it, from a stock client.
  const reader = connectClient(server.wsUrl, reportId, token)
  await reader.synced
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc))
  reader.destroy()
  const socket = new WebSocket(`${server.wsUrl}/${reportId}?token=${token}`)
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  await new Promise((resolve) => socket.once('open', resolve))
  return { socket, doc, closed }
}

/** Two successive edits of `doc` as two updates, the second building on the first. */
function twoEdits(doc: Y.Doc): [Uint8Array, Uint8Array] {
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array): number => updates.push(update)
  doc.on('update', listener)
  typeInto(doc, 'es/iom', 'older ')
  typeInto(doc, 'es/iom', 'newer ')
  doc.off('update', listener)
  return [updates[0]!, updates[1]!]
}

describe('updates building on content not sent yet', () => {
  it('are held until the same connection sends what they build on, then stored and shown', async () => {
    const watcher = connectClient(server.wsUrl, reportId, token)
    clients.push(watcher)
    await watcher.synced
    const { socket, doc, closed } = await rawClient()
    socket.send(awarenessMessage(doc))
    const [older, newer] = twoEdits(doc)
    socket.send(syncMessage(2, newer))
    await letAnythingArrive()
    // Held: nobody sees it.
    expect(firstParagraphText(watcher.doc, 'es/iom')).toBe('Actividades de la OIM')
    socket.send(syncMessage(1, older))
    // Both edits arrive once the older one was sent, and the connection stays open.
    await vi.waitFor(
      () => expect(firstParagraphText(watcher.doc, 'es/iom')).toBe('newer older Actividades de la OIM'),
      waitLimits(),
    )
    expect(await closedWithin({ closed }, 300)).toBe(-1)
    socket.close()
  })

  it('are refused at once when they build on another client’s missing content', async () => {
    const { socket, doc, closed } = await rawClient()
    socket.send(awarenessMessage(doc))
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const [, newer] = twoEdits(other)
    socket.send(syncMessage(2, newer))
    expect(await closedWithin({ closed }, 2_000)).toBe(4400)
  })

  it('are refused at once from a connection that never said who it is', async () => {
    const { socket, doc, closed } = await rawClient()
    const [, newer] = twoEdits(doc)
    socket.send(syncMessage(2, newer))
    expect(await closedWithin({ closed }, 2_000)).toBe(4400)
  })
})
