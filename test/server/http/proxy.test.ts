import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closeTooMany } from '../../../schema/close-codes.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let proxied: TestServer
let direct: TestServer
let token: string
const sockets: WebSocket[] = []

beforeAll(async () => {
  // Behind one proxy (TRUST_PROXY=1), with room for two sockets per address.
  proxied = await startTestServer({
    reports: [testReport(reportId)],
    trustProxy: 1,
    limits: { maxSocketsPerIp: 2, maxSocketsPerUser: 10 },
  })
  token = (await proxied.createUser({ username: 'ana', password: 'ana-password', role: 'editor' })).token
  direct = await startTestServer({})
})

afterAll(async () => {
  for (const socket of sockets) socket.terminate()
  await proxied.close()
  await direct.close()
})

const loginThrough = (server: TestServer, headers: Record<string, string>, password = 'admin-password') =>
  fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'admin', password }),
  })

/** Opens a socket as if from `address` behind the proxy; resolves with the close code, or 0 once the server's first message arrived. */
function socketFrom(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${proxied.wsUrl}/${reportId}?token=${token}`, {
      headers: { 'x-forwarded-for': address },
    })
    sockets.push(socket)
    socket.on('error', reject)
    socket.once('message', () => resolve(0))
    socket.on('close', (code) => resolve(code))
  })
}

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  it('sends HSTS on requests that reached the proxy over https, and only on those', async () => {
    const https = await fetch(`${proxied.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    const http = await fetch(`${proxied.url}/healthz`, { headers: { 'x-forwarded-proto': 'http' } })
    expect(http.headers.get('strict-transport-security')).toBeNull()
  })

  it('makes the session cookie Secure', async () => {
    const response = await loginThrough(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.1' })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
  })

  it('counts collaboration sockets per forwarded client address', async () => {
    expect([await socketFrom('203.0.113.1'), await socketFrom('203.0.113.1')]).toEqual([0, 0])
    expect(await socketFrom('203.0.113.1')).toBe(closeTooMany)
    // Another client behind the same proxy is not affected.
    expect(await socketFrom('203.0.113.2')).toBe(0)
  })
})

describe('without a trusted proxy', () => {
  it('ignores X-Forwarded-Proto: no HSTS, and no Secure cookie over plain http', async () => {
    expect(
      (await fetch(`${direct.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
        'strict-transport-security',
      ),
    ).toBeNull()
    const response = await loginThrough(direct, { 'x-forwarded-proto': 'https' })
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/i)
  })

  it('ignores X-Forwarded-For, so a guesser cannot shed a lock-out by claiming another address', async () => {
    for (let i = 0; i < 5; i++)
      expect((await loginThrough(direct, { 'x-forwarded-for': `198.51.100.${i}` }, `guess-${i}`)).status).toBe(401)
    expect((await loginThrough(direct, { 'x-forwarded-for': '198.51.100.99' })).status).toBe(429)
  }, 30_000)
})
