// A running server with a small, known report and users, for the browser tests. Not a test file.
import type { DocJSON, NodeJSON, Report } from '../../schema/report.ts'
import { ensureClientBuilt } from '../helpers/browser.ts'
import type { ServerOptions } from '../../server/app.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../helpers/server.ts'

/** Id of the fixture report. */
export const fixtureReportId = 'fixture-report'

/** Password of every fixture user (the server wants at least 8 characters). */
export const fixturePassword = 'correct-horse-1'

const columns = ['mandate', 'programmed', 'executed', 'planned', 'financing']

function paragraph(id: string | null, text: string): NodeJSON {
  return { type: 'paragraph', attrs: { id }, ...(text ? { content: [{ type: 'text', text }] } : {}) }
}

function tableDoc(rowId: string, texts: readonly string[]): DocJSON {
  const cells = columns.map((column, i) => ({
    type: 'table_cell',
    attrs: { column },
    content: [paragraph(`${rowId}-${column}`, texts[i] ?? '')],
  }))
  return {
    type: 'doc',
    content: [
      {
        type: 'report_table',
        attrs: { id: `${rowId}-table`, kind: 'actor' },
        content: [{ type: 'table_row', attrs: { id: rowId }, content: cells }],
      },
    ],
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
    {
      id: 'iom',
      name: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
      acronym: { es: 'OIM', en: 'IOM' },
    },
    {
      id: 'unhcr',
      name: {
        es: 'Alto Comisionado de las Naciones Unidas para los Refugiados',
        en: 'United Nations High Commissioner for Refugees',
      },
      acronym: { es: 'ACNUR', en: 'UNHCR' },
    },
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
      heading: {
        es: 'Organización Internacional para las Migraciones',
        en: 'International Organization for Migration',
      },
      groups: [{ es: 'Organismos internacionales', en: 'International organizations' }],
      es: tableDoc('iom-1', ['Mandato OIM', 'Programado OIM']),
      en: tableDoc('iom-1', ['IOM mandate', 'IOM programmed']),
    },
    {
      id: 'unhcr',
      kind: 'actor',
      actor: 'unhcr',
      heading: {
        es: 'Alto Comisionado de las Naciones Unidas para los Refugiados',
        en: 'United Nations High Commissioner for Refugees',
      },
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

/** The running fixture server: the server helper's test server plus an admin token. */
export interface FixtureServer extends TestServer {
  /** A bearer token of the admin, for reading reports through the API. */
  readonly adminToken: string
}

/**
 * Build the client if needed, start the real server (port 0, fresh data directory, no bundled
 * seeds) holding the fixture report, and create `users` with the password {@link fixturePassword}.
 */
export async function startFixtureServer(
  users: readonly FixtureUser[],
  options: Pick<ServerOptions, 'limits' | 'databaseUrl'> = {},
): Promise<FixtureServer> {
  const clientDir = ensureClientBuilt()
  const server = await startTestServer({ reports: [fixtureReport], clientDir, ...options })
  try {
    for (const user of users) await server.createUser({ ...user, password: fixturePassword })
    const { token } = await server.login('admin', testAdminPassword)
    return Object.assign(server, { adminToken: token })
  } catch (error) {
    await server.close()
    throw error
  }
}
