import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { closeForbidden } from '../../../schema/close-codes.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, firstParagraphText, typeInto, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
let proxied: TestServer
const tokens: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  // Behind one proxy: the client's address is the forwarded one.
  proxied = await startTestServer({ trustProxy: 1 })
  tokens.agency = (
    await server.createUser({ username: 'iom-agency', password: 'password-1', role: 'agency', actors: ['iom'] })
  ).token
  tokens.editor = (await server.createUser({ username: 'editor', password: 'password-2', role: 'editor' })).token
  tokens.proxiedAdmin = (await proxied.login('admin', testAdminPassword)).token
  tokens.proxiedEditor = (
    await proxied.createUser({ username: 'editor', password: 'password-2', role: 'editor' })
  ).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
  await proxied.close()
})

/** The samples of a Prometheus text exposition: `name{labels}` → value. */
async function scrape(target: TestServer, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const answer = await fetch(`${target.url}/metrics`, { headers })
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain/)
  const samples = new Map<string, number>()
  for (const line of (await answer.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const space = line.lastIndexOf(' ')
    samples.set(line.slice(0, space), Number(line.slice(space + 1)))
  }
  return samples
}

async function connected(token: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, reportId, token)
  clients.push(client)
  await client.synced
  return client
}

describe('GET /metrics', () => {
  it('counts connections, loaded reports, stored updates, store latency and refusals as edits happen', async () => {
    const before = await scrape(server)
    expect(before.get('cotejo_connections')).toBe(0)
    expect(before.get('cotejo_documents_loaded')).toBe(0)
    expect(before.get('cotejo_updates_stored_total')).toBe(0)
    expect(before.get('cotejo_process_resident_memory_bytes')).toBeGreaterThan(0)

    const agency = await connected(tokens.agency!)
    const editor = await connected(tokens.editor!)
    for (const word of ['uno ', 'dos ', 'tres ']) typeInto(agency.doc, 'es/iom', word)
    await vi.waitFor(() => expect(firstParagraphText(editor.doc, 'es/iom')).toMatch(/^tres dos uno /))
    const during = await scrape(server)
    expect(during.get('cotejo_connections')).toBe(2)
    expect(during.get('cotejo_documents_loaded')).toBe(1)
    expect(during.get('cotejo_updates_stored_total')).toBeGreaterThanOrEqual(3)
    expect(during.get('cotejo_store_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(during.get('cotejo_store_seconds_sum')).toBeGreaterThan(0)

    // The agency may not touch another actor's section: 4403, counted by its code.
    typeInto(agency.doc, 'es/ilo', 'AJENO ')
    expect(await closedWithin(agency)).toBe(closeForbidden)
    await vi.waitFor(async () => {
      const after = await scrape(server)
      expect(after.get('cotejo_refused_total{code="4403",reason="forbidden"}')).toBe(1)
      expect(after.get('cotejo_connections')).toBe(1)
      // The refused change was not stored.
      expect(after.get('cotejo_updates_stored_total')).toBe(during.get('cotejo_updates_stored_total'))
    })
  })

  it('answers a scraper on this machine without an account, and from elsewhere only an admin', async () => {
    // Without proxies, these requests come from loopback.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200)
    // Behind a proxy, a request it relays from outside is not local.
    const outside = { 'x-forwarded-for': '203.0.113.7' }
    expect((await fetch(`${proxied.url}/metrics`, { headers: outside })).status).toBe(401)
    expect(
      (
        await fetch(`${proxied.url}/metrics`, {
          headers: { ...outside, authorization: `Bearer ${tokens.proxiedEditor}` },
        })
      ).status,
    ).toBe(403)
    const samples = await scrape(proxied, { ...outside, authorization: `Bearer ${tokens.proxiedAdmin}` })
    expect([...samples.keys()]).toContain('cotejo_connections')
    // The proxy itself on loopback, relaying a local scraper.
    expect((await fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(200)
  })
})
