// A running server with a small, known report and users, for the browser tests. Not a test file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { DocJSON, NodeJSON, Report } from '../../schema/report.ts'
import { reportToYDoc } from '../../schema/ydoc.ts'
import { startServer } from '../../server/app.ts'
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts'
import { ensureClientBuilt } from '../helpers/browser.ts'

/** Id of the fixture report. */
export const fixtureReportId = 'fixture-report'

/** Password of every fixture user (the server wants at least 8 characters). */
export const fixturePassword = 'correct-horse-1'

const adminPassword = 'admin-password-1'
const columns = ['mandate', 'programmed', 'executed', 'planned', 'financing']

function paragraph(id: string | null, text: string): NodeJSON {
  return { type: 'paragraph', attrs: { id }, ...(text ? { content: [{ type: 'text', text }] } : {}) }
}

function tableDoc(rowId: string, texts: readonly string[]): DocJSON {
  const cells = columns.map((column, i) => ({ type: 'table_cell', attrs: { column }, content: [paragraph(`${rowId}-${column}`, texts[i] ?? '')] }))
  return {
    type: 'doc',
    content: [{ type: 'report_table', attrs: { id: `${rowId}-table`, kind: 'actor' }, content: [{ type: 'table_row', attrs: { id: rowId }, content: cells }] }],
  }
}

/** The fixture: an introduction and two actor sections (IOM, UNHCR), each with a one-row table. */
export const fixtureReport: Report = {
  id: fixtureReportId,
  meta: {
    title: { es: 'Informe de prueba', en: 'Test report' },
    kind: 'annual-report',
    status: 'draft',
    symbol: '',
    front: { es: '', en: '' },
  },
  actors: [
    { id: 'iom', name: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' }, acronym: { es: 'OIM', en: 'IOM' } },
    { id: 'unhcr', name: { es: 'Alto Comisionado de las Naciones Unidas para los Refugiados', en: 'United Nations High Commissioner for Refugees' }, acronym: { es: 'ACNUR', en: 'UNHCR' } },
  ],
  sections: [
    {
      id: 'introduction',
      kind: 'narrative',
      heading: { es: 'Introducción', en: 'Introduction' },
      groups: [],
      es: { type: 'doc', content: [paragraph('intro-1', 'El Programa Interamericano para los migrantes.')] },
      en: { type: 'doc', content: [paragraph('intro-1', 'The Inter-American Program for migrants.')] },
    },
    {
      id: 'iom',
      kind: 'actor',
      actor: 'iom',
      heading: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
      groups: [{ es: 'Organismos internacionales', en: 'International organizations' }],
      es: tableDoc('iom-1', ['Mandato OIM', 'Programado OIM']),
      en: tableDoc('iom-1', ['IOM mandate', 'IOM programmed']),
    },
    {
      id: 'unhcr',
      kind: 'actor',
      actor: 'unhcr',
      heading: { es: 'Alto Comisionado de las Naciones Unidas para los Refugiados', en: 'United Nations High Commissioner for Refugees' },
      groups: [{ es: 'Organismos internacionales', en: 'International organizations' }],
      es: tableDoc('unhcr-1', ['Mandato ACNUR']),
      en: tableDoc('unhcr-1', ['UNHCR mandate']),
    },
  ],
}

/** A user of the fixture server. */
export interface FixtureUser {
  readonly username: string
  readonly role: 'admin' | 'editor' | 'translator' | 'agency' | 'viewer'
  readonly actors?: readonly string[]
}

/** The running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  /** A bearer token of the admin, for reading reports through the API. */
  readonly adminToken: string
  /** Stop the server and remove its data directory. */
  close(): Promise<void>
}

async function postJSON(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`)
  return response.json()
}

/**
 * Build the client if needed, store the fixture report in a fresh data directory, start the real
 * server on port 0 (no bundled seeds) and create `users` (password {@link fixturePassword}).
 */
export async function startFixtureServer(users: readonly FixtureUser[]): Promise<FixtureServer> {
  const clientDir = ensureClientBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'cotejo-client-test-'))
  const storage = new SqliteStorage(dataDir)
  await storage.createReport(
    { id: fixtureReportId, title: fixtureReport.meta.title, kind: 'annual-report', status: 'draft', createdAt: Date.now() },
    Y.encodeStateAsUpdate(reportToYDoc(fixtureReport)),
    'system',
  )
  await storage.close()
  // COTEJO_TEST_LOG=1 shows the server's log lines while debugging a browser test.
  const log = process.env['COTEJO_TEST_LOG'] ? (line: string) => console.error(line) : () => {}
  const server = await startServer({ port: 0, dataDir, adminPassword, seed: false, clientDir, log })
  try {
    const { token } = (await postJSON(`${server.url}/api/login`, { username: 'admin', password: adminPassword })) as { token: string }
    for (const user of users) await postJSON(`${server.url}/api/users`, { ...user, password: fixturePassword }, token)
    return {
      url: server.url,
      adminToken: token,
      async close() {
        await server.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}
