import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closeUnauthorized } from '../../../schema/close-codes.ts'
import { startTestServer, type TestServer, type TestSession } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
let editor: TestSession
const sockets: WebSocket[] = []

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)] })
  editor = await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })
})

afterAll(async () => {
  for (const socket of sockets) socket.terminate()
  await server.close()
})

/** Opens a real socket with these headers and query; resolves with the close code, or 0 once the server's first message (sync step 1) arrived: signed in. */
function open(query: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/${reportId}${query}`, { headers })
    sockets.push(socket)
    socket.on('error', reject)
    socket.once('message', () => {
      resolve(0)
      socket.close()
    })
    socket.on('close', (code) => resolve(code))
  })
}

const evil = 'https://evil.example'

describe('collaboration sockets opened by another site’s page', () => {
  it('are not signed in by the session cookie, even with a bogus ?token= added: 4401', async () => {
    expect(await open('?token=x', { cookie: editor.cookie, origin: evil })).toBe(closeUnauthorized)
    expect(await open('', { cookie: editor.cookie, origin: evil })).toBe(closeUnauthorized)
    expect(await open('?token=x', { cookie: editor.cookie, origin: server.url, 'sec-fetch-site': 'cross-site' })).toBe(
      closeUnauthorized,
    )
    // Another port of the same host is another origin.
    expect(await open('', { cookie: editor.cookie, origin: server.url.replace(/:\d+$/, ':1') })).toBe(closeUnauthorized)
  })

  it('are signed in by a valid token they name themselves', async () => {
    expect(await open(`?token=${editor.token}`, { origin: evil })).toBe(0)
    expect(await open('', { authorization: `Bearer ${editor.token}`, origin: evil })).toBe(0)
  })
})

describe('collaboration sockets of this site’s pages and of programs', () => {
  it('are signed in by the session cookie', async () => {
    expect(await open('', { cookie: editor.cookie, origin: server.url })).toBe(0)
    expect(await open('', { cookie: editor.cookie, origin: server.url, 'sec-fetch-site': 'same-origin' })).toBe(0)
    expect(await open('', { cookie: editor.cookie })).toBe(0)
  })

  it('prefer a token they name over the cookie', async () => {
    expect(await open(`?token=${editor.token}`, { cookie: 'cotejo_session=stale', origin: server.url })).toBe(0)
    expect(await open('?token=x', { cookie: editor.cookie })).toBe(closeUnauthorized)
  })
})
