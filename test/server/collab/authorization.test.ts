import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { closeForbidden } from '../../../schema/close-codes.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import {
  closedWithin,
  connectClient,
  firstParagraphText,
  letAnythingArrive,
  printableBytes,
  typeInto,
  waitLimits,
  type TestClient,
} from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
const tokens: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  tokens.iomAgency = (
    await server.createUser({ username: 'iom-agency', password: 'password-1', role: 'agency', actors: ['iom'] })
  ).token
  tokens.viewer = (await server.createUser({ username: 'viewer', password: 'password-2', role: 'viewer' })).token
  tokens.translator = (
    await server.createUser({ username: 'translator', password: 'password-3', role: 'translator' })
  ).token
  tokens.editor = (await server.createUser({ username: 'editor', password: 'password-4', role: 'editor' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

async function connected(token: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, reportId, token)
  clients.push(client)
  await client.synced
  return client
}

/** Every update stored for the report: its raw bytes and how many there are. */
async function stored(): Promise<{ bytes: Buffer; entries: number; doc: Y.Doc }> {
  const storage = new SqliteStorage(server.dataDir)
  try {
    const log = await storage.loadLog(reportId)
    const parts = [...(log.checkpoint ? [log.checkpoint.state] : []), ...log.updates.map((entry) => entry.update)]
    const doc = new Y.Doc()
    for (const part of parts) Y.applyUpdate(doc, part)
    return { bytes: Buffer.concat(parts), entries: log.lastSeq, doc }
  } finally {
    await storage.close()
  }
}

/** The state of `doc` as text, to look for a marker in (see `printableBytes`). */
function stateText(doc: Y.Doc): string {
  return printableBytes(Y.encodeStateAsUpdate(doc))
}

/** Checks that an edit made by `offender` is refused with 4403, reaches the observer, and is not stored. */
async function expectRefused(
  offender: TestClient,
  observer: TestClient,
  marker: string,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const before = await stored()
  edit(offender.doc)
  expect(stateText(offender.doc)).toContain(marker)
  expect(await closedWithin(offender)).toBe(closeForbidden)
  // Give a wrongly broadcast update time to arrive before asserting it did not.
  await letAnythingArrive()
  expect(stateText(observer.doc)).not.toContain(marker)
  const after = await stored()
  expect(after.entries).toBe(before.entries)
  expect(printableBytes(after.bytes)).not.toContain(marker)
}

describe('authorization of updates', () => {
  it('lets an agency user edit its own actor section, stores it, and broadcasts it', async () => {
    const agency = await connected(tokens.iomAgency!)
    const observer = await connected(tokens.editor!)
    typeInto(agency.doc, 'es/iom', 'PROPIO ')
    await vi.waitFor(() => expect(firstParagraphText(observer.doc, 'es/iom')).toMatch(/^PROPIO /), waitLimits())
    expect(printableBytes((await stored()).bytes)).toContain('PROPIO')
    expect(agency.closeCodes).toEqual([])
  })

  it("closes an agency user's socket with 4403 when it edits another actor's section, and keeps nothing of it", async () => {
    const agency = await connected(tokens.iomAgency!)
    const observer = await connected(tokens.editor!)
    await expectRefused(agency, observer, 'AJENO', (doc) => typeInto(doc, 'es/ilo', 'AJENO '))
  })

  it('refuses any change by a viewer with 4403', async () => {
    const viewer = await connected(tokens.viewer!)
    const observer = await connected(tokens.editor!)
    expect(firstParagraphText(viewer.doc, 'en/background')).toBe('Initial text')
    await expectRefused(viewer, observer, 'VIEWER', (doc) => typeInto(doc, 'en/background', 'VIEWER '))
  })

  it('lets a translator edit any section body but refuses a change to sections with 4403', async () => {
    const translator = await connected(tokens.translator!)
    const observer = await connected(tokens.editor!)
    typeInto(translator.doc, 'en/ilo', 'TRANSLATED ')
    await vi.waitFor(() => expect(firstParagraphText(observer.doc, 'en/ilo')).toMatch(/^TRANSLATED /), waitLimits())
    await expectRefused(translator, observer, 'HEADING', (doc) => {
      const section = doc.getArray<Y.Map<unknown>>('sections').get(0)
      section.set('heading_en', 'HEADING')
    })
  })

  it('refuses a translator deleting a section from sections', async () => {
    const translator = await connected(tokens.translator!)
    const observer = await connected(tokens.editor!)
    const before = observer.doc.getArray('sections').length
    translator.doc.getArray('sections').delete(0, 1)
    expect(await closedWithin(translator)).toBe(closeForbidden)
    await letAnythingArrive()
    expect(observer.doc.getArray('sections').length).toBe(before)
    expect((await stored()).doc.getArray('sections').length).toBe(before)
  })

  it('refuses a crafted update from a hand-made raw ws client with 4403', async () => {
    const observer = await connected(tokens.editor!)
    const before = await stored()
    // Build an update against the server's real state: an item inserted into es/ilo.
    const shadow = new Y.Doc()
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(before.doc))
    const vector = Y.encodeStateVector(shadow)
    typeInto(shadow, 'es/ilo', 'CRAFTED ')
    const update = Y.encodeStateAsUpdate(shadow, vector)
    const socket = new WebSocket(`${server.wsUrl}/${reportId}?token=${tokens.iomAgency}`)
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('error', reject)
      socket.on('close', (closeCode) => resolve(closeCode))
      socket.on('open', () => {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, 0)
        encoding.writeVarUint(encoder, 2)
        encoding.writeVarUint8Array(encoder, update)
        socket.send(encoding.toUint8Array(encoder))
      })
    })
    expect(code).toBe(closeForbidden)
    await letAnythingArrive()
    expect(firstParagraphText(observer.doc, 'es/ilo')).not.toContain('CRAFTED')
    const after = await stored()
    expect(after.entries).toBe(before.entries)
    expect(printableBytes(after.bytes)).not.toContain('CRAFTED')
  })

  it('refuses awareness for another client id with 4403 and keeps the victim’s presence', async () => {
    const victim = await connected(tokens.editor!)
    victim.provider.awareness.setLocalStateField('user', { name: 'Victim' })
    const observer = await connected(tokens.editor!)
    await vi.waitFor(
      () => expect(observer.provider.awareness.getStates().get(victim.doc.clientID)).toBeDefined(),
      waitLimits(),
    )
    const socket = new WebSocket(`${server.wsUrl}/${reportId}?token=${tokens.iomAgency}`)
    const received: number[] = []
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('error', reject)
      socket.on('close', (closeCode) => resolve(closeCode))
      socket.on('message', (data: Buffer) =>
        received.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data)))),
      )
      socket.on('open', () => {
        const fake = new awarenessProtocol.Awareness(new Y.Doc())
        fake.setLocalState({ user: { name: 'mine' } })
        const own = awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID])
        const send = (payload: Uint8Array) => {
          const encoder = encoding.createEncoder()
          encoding.writeVarUint(encoder, 1)
          encoding.writeVarUint8Array(encoder, payload)
          socket.send(encoding.toUint8Array(encoder))
        }
        send(own)
        // Now try to remove the victim's state: a null state with a higher clock for its id.
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, 1)
        encoding.writeVarUint(encoder, victim.doc.clientID)
        encoding.writeVarUint(encoder, 999)
        encoding.writeVarString(encoder, 'null')
        setTimeout(() => send(encoding.toUint8Array(encoder)), 100)
        fake.destroy()
      })
    })
    expect(code).toBe(closeForbidden)
    expect(received).toContain(1)
    await letAnythingArrive(200)
    expect(observer.provider.awareness.getStates().get(victim.doc.clientID)).toMatchObject({ user: { name: 'editor' } })
  })

  it("refuses an agency user's deletion in another actor's section with 4403", async () => {
    const agency = await connected(tokens.iomAgency!)
    const observer = await connected(tokens.editor!)
    const before = firstParagraphText(observer.doc, 'en/ilo')
    const text = (agency.doc.getXmlFragment('en/ilo').get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.delete(0, 3)
    expect(await closedWithin(agency)).toBe(closeForbidden)
    await letAnythingArrive()
    expect(firstParagraphText(observer.doc, 'en/ilo')).toBe(before)
  })

  it('lets a viewer read a document with deletions and see presence without being refused', async () => {
    const editor = await connected(tokens.editor!)
    const text = (editor.doc.getXmlFragment('es/background').get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.delete(0, 2)
    editor.provider.awareness.setLocalStateField('user', { name: 'Editor' })
    const viewer = await connected(tokens.viewer!)
    await vi.waitFor(
      () => expect(viewer.provider.awareness.getStates().get(editor.doc.clientID)).toBeDefined(),
      waitLimits(),
    )
    viewer.provider.awareness.setLocalStateField('user', { name: 'Viewer' })
    await vi.waitFor(
      () => expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toBeDefined(),
      waitLimits(),
    )
    // Stock clients re-send the presence they receive: that echo must not count as spoofing.
    editor.provider.awareness.setLocalStateField('cursor', { at: 3 })
    await letAnythingArrive()
    expect(firstParagraphText(viewer.doc, 'es/background')).toBe(firstParagraphText(editor.doc, 'es/background'))
    expect(viewer.closeCodes).toEqual([])
    expect(editor.closeCodes).toEqual([])
  })
})
