// Start a real server on port 0 in a temp dir, and sign users in. Used by server and browser tests.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { Report } from '../../schema/report.ts'
import { reportToYDoc } from '../../schema/ydoc.ts'
import { startServer, type ServerOptions } from '../../server/app.ts'
import { openStorage } from '../../server/storage/open-storage.ts'
import type { Role } from '../../schema/roles.ts'

/** Password of the `admin` user of every test server. */
export const testAdminPassword = 'admin-password'

/** Options of {@link startTestServer}: any server option, plus reports to store before start. */
export interface TestServerOptions extends Partial<ServerOptions> {
  /** Reports stored (as log entry 1, user `system`) before the server starts; skipped when they exist. */
  readonly reports?: readonly Report[]
}

/** A signed-in session. */
export interface TestSession {
  /** The bearer token (also usable as `?token=` on sockets). */
  readonly token: string
  /** The `Cookie` header value carrying the session. */
  readonly cookie: string
}

/** A user to create. */
export interface TestUser {
  readonly username: string
  readonly password: string
  readonly role: Role
  readonly actors?: readonly string[]
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** `ws://127.0.0.1:<port>/collab`: the `serverUrl` of a WebsocketProvider. */
  readonly wsUrl: string
  /** The data directory (removed by `close` unless it was passed in). */
  readonly dataDir: string
  /** Stops the server and removes the temp dir it created. */
  close(): Promise<void>
  /** Signs in; throws with the answer when that fails. */
  login(username: string, password: string): Promise<TestSession>
  /** Creates a user (as admin, who need not change the password: tests use it at once) and signs it in. */
  createUser(user: TestUser): Promise<TestSession>
}

/** Stores `reports`, as the importer would, in the SQLite database of a data dir (creating it) or in the PostgreSQL database at `databaseUrl`. */
export async function storeReports(
  where: string | { readonly databaseUrl: string },
  reports: readonly Report[],
): Promise<void> {
  const storage = await openStorage(
    typeof where === 'string' ? { dataDir: where } : { dataDir: '', databaseUrl: where.databaseUrl },
  )
  try {
    for (const report of reports) {
      if (await storage.getReport(report.id)) continue
      const update = Y.encodeStateAsUpdate(reportToYDoc(report))
      await storage.createReport(
        {
          id: report.id,
          title: report.meta.title,
          kind: report.meta.kind,
          status: report.meta.status,
          createdAt: Date.now(),
        },
        update,
        'system',
      )
    }
  } finally {
    await storage.close()
  }
}

/** The report as stored: a fresh Y.Doc built from its latest checkpoint and the log after it (same `where` as {@link storeReports}). */
export async function storedDoc(where: string | { readonly databaseUrl: string }, reportId: string): Promise<Y.Doc> {
  const storage = await openStorage(
    typeof where === 'string' ? { dataDir: where } : { dataDir: '', databaseUrl: where.databaseUrl },
  )
  try {
    const log = await storage.loadLog(reportId)
    const doc = new Y.Doc()
    if (log.checkpoint) Y.applyUpdate(doc, log.checkpoint.state)
    for (const entry of log.updates) Y.applyUpdate(doc, entry.update)
    return doc
  } finally {
    await storage.close()
  }
}

/** Starts a server on port 0 in a fresh temp dir (or `options.dataDir`), seeding off unless asked. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cotejo-test-')))
  const { reports = [], ...serverOptions } = options
  if (reports.length > 0)
    await storeReports(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : dataDir, reports)
  const lines: string[] = []
  const server = await startServer({
    port: 0,
    adminPassword: testAdminPassword,
    seed: false,
    log: (line) => lines.push(line),
    ...serverOptions,
    dataDir,
  })
  const login = async (username: string, password: string): Promise<TestSession> => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`)
    const { token } = (await response.json()) as { token: string }
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!
    return { token, cookie }
  }
  let admin: TestSession | undefined
  return {
    url: server.url,
    wsUrl: `${server.url.replace(/^http/, 'ws')}/collab`,
    dataDir,
    login,
    async createUser(user) {
      admin ??= await login('admin', testAdminPassword)
      const response = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ ...user, mustChangePassword: false }),
      })
      if (response.status !== 201)
        throw new Error(`creating ${user.username} failed: ${response.status} ${await response.text()}`)
      return login(user.username, user.password)
    },
    async close() {
      await server.close()
      if (ownDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
