// The attacks of the outside audit (issue "The server is the guard"), each through a real socket
// with a hand-made update: refused, nothing stored or broadcast, everyone else unaffected.

import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { readBody } from '../../../schema/body-reading.ts'
import { closeForbidden, closeMalformed, closeTooLarge } from '../../../schema/close-codes.ts'
import { openStorage } from '../../../server/storage/open-storage.ts'
import { startTestServer, storedDoc, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import {
  connectClient,
  closedWithin,
  firstParagraphText,
  letAnythingArrive,
  pause,
  printableBytes,
  typeInto,
  waitLimits,
  type TestClient,
} from '../clients.ts'
import { craftUpdate, updateMessage } from '../crafted-updates.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
const logLines: string[] = []
const tokens: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)], log: (line) => logLines.push(line) })
  tokens.iom = (
    await server.createUser({ username: 'iom-agency', password: 'password-1', role: 'agency', actors: ['iom'] })
  ).token
  tokens.ilo = (
    await server.createUser({ username: 'ilo-agency', password: 'password-2', role: 'agency', actors: ['ilo'] })
  ).token
  tokens.viewer = (await server.createUser({ username: 'viewer', password: 'password-3', role: 'viewer' })).token
  tokens.translator = (
    await server.createUser({ username: 'translator', password: 'password-4', role: 'translator' })
  ).token
  tokens.editor = (await server.createUser({ username: 'editor', password: 'password-5', role: 'editor' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

async function connected(token: string, clientID?: number): Promise<TestClient> {
  const doc = new Y.Doc()
  if (clientID !== undefined) doc.clientID = clientID
  const client = connectClient(server.wsUrl, reportId, token, doc)
  clients.push(client)
  await client.synced
  return client
}

/** Opens a raw socket, sends `messages` once it is open, and resolves with the close code (-1: still open after `ms`). */
function sendRaw(token: string, messages: readonly Uint8Array[], ms = 5000): Promise<number> {
  const socket = new WebSocket(`${server.wsUrl}/${reportId}?token=${token}`)
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close()
      resolve(-1)
    }, ms)
    socket.on('error', reject)
    socket.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    socket.on('open', () => {
      for (const message of messages) socket.send(message)
    })
  })
}

/** How many updates are stored, and the stored state's bytes. */
async function storedLog(): Promise<{ entries: number; bytes: Buffer }> {
  const storage = await openStorage({ dataDir: server.dataDir })
  try {
    const log = await storage.loadLog(reportId)
    return {
      entries: log.lastSeq,
      bytes: Buffer.concat([
        ...(log.checkpoint ? [log.checkpoint.state] : []),
        ...log.updates.map((entry) => entry.update),
      ]),
    }
  } finally {
    await storage.close()
  }
}

/** Runs `attack`, expects `code`, and checks nothing reached storage or the observer, and the bystanders stay connected. */
async function expectRefused(
  code: number | number[],
  marker: string,
  attack: () => Promise<number>,
  bystanders: readonly TestClient[],
): Promise<void> {
  const before = await storedLog()
  const closed = await attack()
  expect(Array.isArray(code) ? code : [code]).toContain(closed)
  await letAnythingArrive()
  const after = await storedLog()
  expect(after.entries).toBe(before.entries)
  expect(printableBytes(after.bytes)).not.toContain(marker)
  for (const bystander of bystanders) {
    expect(printableBytes(Y.encodeStateAsUpdate(bystander.doc))).not.toContain(marker)
    expect(bystander.closeCodes).toEqual([])
  }
}

async function reportAnswers(): Promise<number> {
  const response = await fetch(`${server.url}/api/reports/${reportId}`, {
    headers: { authorization: `Bearer ${tokens.viewer}` },
  })
  return response.status
}

describe('the guard against hand-made updates', () => {
  it("refuses an agency's struct that overlaps another agency's last clock and would land in its section", async () => {
    const victim = await connected(tokens.ilo!, 424242)
    const observer = await connected(tokens.viewer!)
    typeInto(victim.doc, 'es/ilo', 'XYZ')
    await vi.waitFor(() => expect(firstParagraphText(observer.doc, 'es/ilo')).toMatch(/^XYZ/), waitLimits())
    const ownText = ((observer.doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlText)._item!.id
    const state = Y.getState(observer.doc.store, 424242)
    const attack = craftUpdate([
      {
        client: 424242,
        clock: state - 1,
        structs: [{ kind: 'item', parent: ownText, content: { kind: 'string', text: 'ZEVIL' } }],
      },
    ])
    await expectRefused([closeMalformed, closeForbidden], 'EVIL', () => sendRaw(tokens.iom!, [updateMessage(attack)]), [
      victim,
      observer,
    ])
    expect(firstParagraphText(await storedDoc(server.dataDir, reportId), 'es/ilo')).toBe(
      firstParagraphText(victim.doc, 'es/ilo'),
    )
  })

  it("refuses a translator's struct that overlaps an editor's heading change and would land in sections", async () => {
    const editor = await connected(tokens.editor!, 515151)
    const observer = await connected(tokens.viewer!)
    ;(editor.doc.getArray('sections').get(0) as Y.Map<unknown>).set('heading_en', 'Context')
    await vi.waitFor(
      () => expect((observer.doc.getArray('sections').get(0) as Y.Map<unknown>).get('heading_en')).toBe('Context'),
      waitLimits(),
    )
    const state = Y.getState(observer.doc.store, 515151)
    const attack = craftUpdate([
      {
        client: 515151,
        clock: state - 1,
        structs: [{ kind: 'item', parent: 'en/ilo', content: { kind: 'any', values: ['x', 'HACKED'] } }],
      },
    ])
    await expectRefused(
      [closeMalformed, closeForbidden],
      'HACKED',
      () => sendRaw(tokens.translator!, [updateMessage(attack)]),
      [editor, observer],
    )
  })

  it('refuses with 4400 an update Yjs cannot apply (an item overlapping a garbage struct); the report keeps answering, also after a restart', async () => {
    const editor = await connected(tokens.editor!, 717171)
    const paragraph = new Y.XmlElement('paragraph')
    editor.doc.transact(() => {
      editor.doc.getXmlFragment('en/background').insert(1, [paragraph])
      paragraph.insert(0, [new Y.XmlText('gone soon')])
    })
    editor.doc.getXmlFragment('en/background').delete(1, 1)
    const observer = await connected(tokens.viewer!)
    // The server garbage-collected the deleted paragraph.
    await vi.waitFor(
      () =>
        expect(
          observer.doc.store.clients.get(717171)?.map((struct) => (struct instanceof Y.GC ? 'gc' : 'item')),
        ).toContain('gc'),
      waitLimits(),
    )
    const gc = observer.doc.store.clients.get(717171)!.find((struct) => struct instanceof Y.GC)!
    const attack = craftUpdate([
      {
        client: 717171,
        clock: gc.id.clock + gc.length - 1,
        structs: [{ kind: 'item', parent: 'en/background', content: { kind: 'string', text: 'CRASH' } }],
      },
    ])
    await expectRefused(closeMalformed, 'CRASH', () => sendRaw(tokens.editor!, [updateMessage(attack)]), [
      editor,
      observer,
    ])
    expect(await reportAnswers()).toBe(200)
    const late = await connected(tokens.viewer!)
    expect(firstParagraphText(late.doc, 'en/background')).toBe(firstParagraphText(editor.doc, 'en/background'))
  })

  it('refuses a bare text node, a script element and a javascript: link in an agency’s own section; viewers are not cut off', async () => {
    const viewer = await connected(tokens.viewer!)
    const otherAgency = await connected(tokens.ilo!)
    const attacks: Array<[string, (doc: Y.Doc) => void]> = [
      ['BARETEXT', (doc) => doc.getXmlFragment('es/iom').insert(0, [new Y.XmlText('BARETEXT')])],
      [
        'SCRIPTEL',
        (doc) => {
          const script = new Y.XmlElement('script')
          doc.getXmlFragment('es/iom').insert(0, [script])
          script.insert(0, [new Y.XmlText('SCRIPTEL')])
        },
      ],
      [
        'JSLINK',
        (doc) =>
          ((doc.getXmlFragment('es/iom').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'JSLINK', {
            link: { href: 'javascript:alert(1)' },
          }),
      ],
    ]
    for (const [marker, edit] of attacks) {
      const agency = await connected(tokens.iom!)
      await expectRefused(
        closeForbidden,
        marker,
        async () => {
          edit(agency.doc)
          return closedWithin(agency)
        },
        [viewer, otherAgency],
      )
    }
    expect(await reportAnswers()).toBe(200)
    expect(readBody((await storedDoc(server.dataDir, reportId)).getXmlFragment('es/iom')).problems).toEqual([])
  })

  it("refuses a viewer's 400 KiB update of 40,000 structs at once, while /healthz keeps answering", async () => {
    const structs = Array.from({ length: 40_000 }, (_, i) => ({
      kind: 'item' as const,
      parent: 'es/background',
      content: { kind: 'string' as const, text: `v${i % 10}` },
    }))
    const attack = craftUpdate([{ client: 939393, clock: 0, structs }])
    expect(attack.byteLength).toBeGreaterThan(300 * 1024)
    const health = (async () => {
      const answers: number[] = []
      for (let i = 0; i < 10; i++) {
        answers.push((await fetch(`${server.url}/healthz`)).status)
        await pause(20)
      }
      return answers
    })()
    await expectRefused(closeForbidden, 'v9v', () => sendRaw(tokens.viewer!, [updateMessage(attack)]), [])
    expect(await health).toEqual(Array(10).fill(200))
  })

  it('stores nothing for an update that changes nothing (an editor resending the whole state)', async () => {
    const editor = await connected(tokens.editor!)
    const before = await storedLog()
    expect(await sendRaw(tokens.editor!, [updateMessage(Y.encodeStateAsUpdate(editor.doc))], 800)).toBe(-1)
    expect((await storedLog()).entries).toBe(before.entries)
  })

  it('repairs, as a stored change of the server, a body two concurrent valid edits merged into a shape the schema cannot hold', async () => {
    const editor = await connected(tokens.editor!)
    // A list item of two paragraphs in es/background.
    const list = new Y.XmlElement('bullet_list')
    const item = new Y.XmlElement('list_item')
    item.setAttribute('id', 'li1')
    const first = new Y.XmlElement('paragraph')
    first.setAttribute('id', 'lp1')
    const second = new Y.XmlElement('paragraph')
    second.setAttribute('id', 'lp2')
    // One transaction, as the editor makes it: an empty list on its own would be refused.
    editor.doc.transact(() => {
      editor.doc.getXmlFragment('es/background').insert(1, [list])
      list.insert(0, [item])
      item.insert(0, [first, second])
      first.insert(0, [new Y.XmlText('uno')])
      second.insert(0, [new Y.XmlText('dos')])
    })
    const viewer = await connected(tokens.viewer!)
    await vi.waitFor(() => expect(viewer.doc.getXmlFragment('es/background').length).toBe(2), waitLimits())
    // Two translators, each on the same state, each deletes one paragraph: valid alone, empty together.
    const base = Y.encodeStateAsUpdate(viewer.doc)
    const deletion = (index: number): Uint8Array => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, base)
      const vector = Y.encodeStateVector(doc)
      ;((doc.getXmlFragment('es/background').get(1) as Y.XmlElement).get(0) as Y.XmlElement).delete(index, 1)
      return Y.encodeStateAsUpdate(doc, vector)
    }
    const [a, b] = await Promise.all([
      sendRaw(tokens.translator!, [updateMessage(deletion(0))], 800),
      sendRaw(tokens.translator!, [updateMessage(deletion(1))], 800),
    ])
    expect([a, b]).toEqual([-1, -1])
    // The viewer gets the repair.
    await vi.waitFor(() => {
      const body = viewer.doc.getXmlFragment('es/background')
      expect(readBody(body).problems).toEqual([])
      expect(body.toString()).toContain('list_item')
    }, waitLimits())
    const stored = await storedDoc(server.dataDir, reportId)
    expect(readBody(stored.getXmlFragment('es/background')).problems).toEqual([])
    expect(viewer.closeCodes).toEqual([])
    expect(editor.closeCodes).toEqual([])
  })

  it('shows the signed-in name and agency in presence whatever the client claims, and refuses a state over the limit', async () => {
    const observer = await connected(tokens.editor!)
    const agency = await connected(tokens.iom!)
    agency.provider.awareness.setLocalStateField('user', {
      name: 'The Secretary General',
      color: '#123456',
      actor: 'ilo',
    })
    await vi.waitFor(
      () =>
        expect(
          (observer.provider.awareness.getStates().get(agency.doc.clientID) as { user?: { name?: string } } | undefined)
            ?.user?.name,
        ).toBeDefined(),
      waitLimits(),
    )
    expect(observer.provider.awareness.getStates().get(agency.doc.clientID)).toMatchObject({
      user: { name: 'iom-agency', color: '#123456', actor: 'iom' },
    })
    agency.provider.awareness.setLocalStateField('notes', 'x'.repeat(8 * 1024))
    expect(await closedWithin(agency)).toBe(closeTooLarge)
    await letAnythingArrive(200)
    const shown = JSON.stringify(observer.provider.awareness.getStates().get(agency.doc.clientID) ?? null)
    expect(shown.length).toBeLessThan(4096)
  })
})

describe('a stored update that cannot be applied', () => {
  it('leaves the report opening from the rest of its log, logs the seq, and loses nothing else', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dataDir = await mkdtemp(join(tmpdir(), 'cotejo-unreadable-'))
    const own = await startTestServer({ dataDir, reports: [testReport(reportId)] })
    const editorToken = (await own.createUser({ username: 'editor', password: 'password-5', role: 'editor' })).token
    const editor = connectClient(own.wsUrl, reportId, editorToken)
    await editor.synced
    typeInto(editor.doc, 'es/iom', 'ANTES ')
    await vi.waitFor(
      async () =>
        expect(firstParagraphText(await storedDoc(dataDir, reportId), 'es/iom')).toBe('ANTES Actividades de la OIM'),
      waitLimits(),
    )
    editor.destroy()
    await own.close()
    // A disk error or a bug wrote an entry Yjs cannot apply; an edit was stored after it.
    const storage = await openStorage({ dataDir })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, 5)
    const broken = encoding.toUint8Array(encoder)
    const [badSeq] = await storage.appendUpdates([
      { report: reportId, update: broken, user: 'editor', time: Date.now() },
    ])
    await storage.close()
    const lines: string[] = []
    const again = await startTestServer({ dataDir, log: (line) => lines.push(line) })
    try {
      const token = (await again.login('editor', 'password-5')).token
      const response = await fetch(`${again.url}/api/reports/${reportId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(response.status).toBe(200)
      const reader = connectClient(again.wsUrl, reportId, token)
      await reader.synced
      expect(firstParagraphText(reader.doc, 'es/iom')).toBe('ANTES Actividades de la OIM')
      typeInto(reader.doc, 'es/iom', 'DESPUES ')
      await letAnythingArrive()
      expect(reader.closeCodes).toEqual([])
      reader.destroy()
      const logged = lines
        .map((line) => JSON.parse(line) as { event: string; seq?: number })
        .find((entry) => entry.event === 'update-unreadable')
      expect(logged?.seq).toBe(badSeq)
      // An admin sees it; an editor may not.
      const admin = (await again.login('admin', testAdminPassword)).token
      const problems = await fetch(`${again.url}/api/reports/${reportId}/problems`, {
        headers: { authorization: `Bearer ${admin}` },
      })
      expect(await problems.json()).toMatchObject({ unreadableUpdates: [{ seq: badSeq }] })
      expect(
        (
          await fetch(`${again.url}/api/reports/${reportId}/problems`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status,
      ).toBe(403)
    } finally {
      await again.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
