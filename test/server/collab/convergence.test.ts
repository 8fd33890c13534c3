import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { yDocToReport } from '../../../schema/ydoc.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { connectClient, pause, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
const fragments = ['es/background', 'en/background', 'es/iom', 'en/ilo']
let server: TestServer
let token: string

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  token = (await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })).token
})

afterAll(async () => {
  await server.close()
})

/** One random edit: type, delete, add or remove a paragraph, in a random section body. */
function randomEdit(random: prng.PRNG, doc: Y.Doc): void {
  const fragment = doc.getXmlFragment(prng.oneOf(random, fragments))
  const roll = prng.int32(random, 0, 9)
  if (roll <= 1 || fragment.length === 0) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.setAttribute('id', `p${prng.uint32(random, 0, 1e9)}`)
    paragraph.insert(0, [new Y.XmlText(prng.word(random, 1, 8))])
    fragment.insert(prng.int32(random, 0, fragment.length), [paragraph])
    return
  }
  const paragraph = fragment.get(prng.int32(random, 0, fragment.length - 1)) as Y.XmlElement
  if (roll === 2 && fragment.length > 1) {
    fragment.delete(fragment.toArray().indexOf(paragraph), 1)
    return
  }
  const text = paragraph.get(0) as Y.XmlText
  if (roll <= 6 || text.length === 0) text.insert(prng.int32(random, 0, text.length), prng.word(random, 1, 6))
  else {
    const at = prng.int32(random, 0, text.length - 1)
    text.delete(at, prng.int32(random, 1, Math.min(4, text.length - at)))
  }
}

describe('convergence', () => {
  it('makes several clients editing concurrently at random converge with the server and its storage', async () => {
    const seed = Number(process.env.SEED_CONVERGENCE ?? Date.now() % 1_000_000)
    console.log(`convergence: seed ${seed} (replay with SEED_CONVERGENCE=${seed})`)
    const random = prng.create(seed)
    const clients: TestClient[] = []
    for (let i = 0; i < 4; i++) clients.push(connectClient(server.wsUrl, reportId, token))
    try {
      await Promise.all(clients.map((client) => client.synced))
      for (let round = 0; round < 40; round++) {
        for (const client of clients) {
          const edits = prng.int32(random, 0, 3)
          for (let e = 0; e < edits; e++) randomEdit(random, client.doc)
        }
        if (prng.bool(random)) await pause(prng.int32(random, 0, 15))
        // Now and then a client drops and reconnects, resending what the server may lack.
        if (round % 13 === 7) {
          const client = prng.oneOf(random, clients)
          client.provider.disconnect()
          randomEdit(random, client.doc)
          client.provider.connect()
        }
      }
      // All clients reach the same state: synced, the same state vector (every insertion) and the
      // same content (deletions leave the state vector as it is).
      const state = (client: TestClient) => ({
        synced: client.provider.synced,
        vector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(client.doc))),
        report: yDocToReport(client.doc, reportId),
      })
      await vi.waitFor(() => {
        const first = { ...state(clients[0]!), synced: true }
        for (const client of clients) expect(state(client)).toEqual(first)
      }, waitLimits(20_000))
      // Compare content: clients, the live server document, and storage.
      const expected = yDocToReport(clients[0]!.doc, reportId)
      for (const client of clients.slice(1)) expect(yDocToReport(client.doc, reportId)).toEqual(expected)
      expect(clients.flatMap((client) => client.closeCodes.filter((code) => code >= 4000))).toEqual([])
      const response = await fetch(`${server.url}/api/reports/${reportId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const live = (await response.json()) as { sections: Array<Record<string, unknown>> }
      // Apart from each section's sign-off (`review`), which the server adds to the report it answers.
      expect(live.sections.map(({ review: _review, ...section }) => section)).toEqual(
        JSON.parse(JSON.stringify(expected.sections)),
      )
      const storage = new SqliteStorage(server.dataDir)
      try {
        const log = await storage.loadLog(reportId)
        const storedDoc = new Y.Doc()
        Y.applyUpdate(storedDoc, await storage.stateAt(reportId, log.lastSeq))
        expect(yDocToReport(storedDoc, reportId)).toEqual(expected)
      } finally {
        await storage.close()
      }
    } finally {
      for (const client of clients) client.destroy()
    }
  })
})
