import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeUnauthorized } from '../../../schema/close-codes.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, whatever its shape; the matchers check it
type JsonAnswer = any

let server: TestServer
let clientDir: string
let admin: string
let editor: string
let viewer: string
const clients: TestClient[] = []

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'cotejo-client-'))
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>cotejo</title>')
  await writeFile(join(clientDir, 'app.js'), 'console.log(1)')
  await mkdir(join(clientDir, 'assets'))
  await writeFile(join(clientDir, 'assets', 'index-0a1b2c3d.js'), 'console.log(2)')
  server = await startTestServer({ reports: [testReport('test-report')], clientDir })
  admin = (await server.login('admin', testAdminPassword)).token
  editor = (await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })).token
  viewer = (await server.createUser({ username: 'viewer', password: 'password-2', role: 'viewer' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
  await rm(clientDir, { recursive: true, force: true })
})

async function call(
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Promise<{ status: number; body: JsonAnswer; headers: Headers }> {
  const headers = new Headers(init.headers)
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`)
  if (typeof init.body === 'string') headers.set('content-type', 'application/json')
  const response = await fetch(`${server.url}${path}`, { ...init, headers })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers }
}

const post = (path: string, token: string | undefined, body: unknown) =>
  call(path, token, { method: 'POST', body: JSON.stringify(body) })

describe('sign-in', () => {
  it('answers a wrong password with 401 and a JSON error', async () => {
    const { status, body } = await post('/api/login', undefined, { username: 'editor', password: 'wrong-password' })
    expect(status).toBe(401)
    expect(body).toEqual({ error: { code: 'bad-credentials', message: expect.any(String) } })
  })

  it('sets an HttpOnly SameSite=Lax cookie that authenticates like the token', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'password-2' }),
    })
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } })
    expect(await me.json()).toEqual({ username: 'viewer', role: 'viewer', actors: [] })
  })

  it('answers a login flood with 429 and Retry-After, even with the right password', async () => {
    await server.createUser({ username: 'target', password: 'password-9', role: 'viewer' })
    for (let i = 0; i < 5; i++)
      expect((await post('/api/login', undefined, { username: 'target', password: `guess-${i}` })).status).toBe(401)
    const flooded = await post('/api/login', undefined, { username: 'target', password: 'password-9' })
    expect(flooded.status).toBe(429)
    expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(flooded.body.error.code).toBe('too-many-requests')
  })

  it('ends the session on logout: the token stops working and its sockets close with 4401', async () => {
    const { token } = await server.login('editor', 'password-1')
    const client = connectClient(server.wsUrl, 'test-report', token)
    clients.push(client)
    await client.synced
    expect((await post('/api/logout', token, {})).status).toBe(200)
    expect(await closedWithin(client)).toBe(closeUnauthorized)
    expect((await call('/api/me', token)).status).toBe(401)
  })
})

describe('users', () => {
  it('lets only admins manage users (403 otherwise) and validates input (400, 409)', async () => {
    expect((await call('/api/users', editor)).status).toBe(403)
    expect((await call('/api/users', undefined)).status).toBe(401)
    expect((await post('/api/users', admin, { username: 'x', password: 'short', role: 'boss' })).status).toBe(400)
    expect(
      (await post('/api/users', admin, { username: 'editor', password: 'password-1', role: 'editor' })).status,
    ).toBe(409)
    const created = await post('/api/users', admin, {
      username: 'agency-iom',
      password: 'password-3',
      role: 'agency',
      actors: ['iom'],
    })
    expect(created).toMatchObject({ status: 201, body: { username: 'agency-iom', role: 'agency', actors: ['iom'] } })
    const list = await call('/api/users', admin)
    expect(list.body.map((user: { username: string }) => user.username)).toContain('agency-iom')
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/)
  })

  it("closes a user's sockets with 4401 when its actors change or the account is deleted", async () => {
    const { token } = await server.createUser({
      username: 'agency-ilo',
      password: 'password-4',
      role: 'agency',
      actors: ['ilo'],
    })
    const first = connectClient(server.wsUrl, 'test-report', token)
    clients.push(first)
    await first.synced
    const patched = await call('/api/users/agency-ilo', admin, {
      method: 'PATCH',
      body: JSON.stringify({ actors: ['iom'] }),
    })
    expect(patched.body).toMatchObject({ actors: ['iom'] })
    expect(await closedWithin(first)).toBe(closeUnauthorized)
    const second = connectClient(server.wsUrl, 'test-report', token)
    clients.push(second)
    await second.synced
    expect((await call('/api/users/agency-ilo', admin, { method: 'DELETE' })).status).toBe(204)
    expect(await closedWithin(second)).toBe(closeUnauthorized)
    expect((await call('/api/me', token)).status).toBe(401)
    expect((await call('/api/users/agency-ilo', admin, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses to delete the last admin (409)', async () => {
    expect((await call('/api/users/admin', admin, { method: 'DELETE' })).status).toBe(409)
  })
})

describe('reports', () => {
  it('lists reports and returns one as JSON from the live document', async () => {
    const list = await call('/api/reports', viewer)
    expect(list.body).toEqual([
      {
        id: 'test-report',
        title: { es: 'Informe de prueba', en: 'Test report' },
        kind: 'annual-report',
        status: 'draft',
      },
    ])
    const report = await call('/api/reports/test-report', viewer)
    expect(report.status).toBe(200)
    expect(report.body.sections.map((section: { id: string }) => section.id)).toEqual(['background', 'iom', 'ilo'])
    expect(report.body.sections[1]).toMatchObject({ kind: 'actor', actor: 'iom', heading: { es: 'OIM', en: 'IOM' } })
    expect(report.body.sections[0].es.content[0].content[0].text).toBe('Texto inicial')
  })

  it('answers unknown reports and routes with 404', async () => {
    expect((await call('/api/reports/no-such-report', viewer)).body.error.code).toBe('not-found')
    expect((await call('/api/reports/no-such-report', viewer)).status).toBe(404)
    expect((await call('/api/nothing-here', viewer)).status).toBe(404)
  })

  it('imports a work plan for an editor (201) and refuses a viewer (403) and a taken id (409)', async () => {
    const text = await readFile(
      new URL('../../../server/seeds/cam-work-plan-2018-2019.es.txt', import.meta.url),
      'utf8',
    )
    expect((await post('/api/reports/import', viewer, { id: 'plan-prueba', kind: 'work-plan', es: text })).status).toBe(
      403,
    )
    const imported = await post('/api/reports/import', editor, { id: 'plan-prueba', kind: 'work-plan', es: text })
    expect(imported.status).toBe(201)
    expect(imported.body).toMatchObject({ id: 'plan-prueba', warnings: expect.any(Array) })
    expect((await call('/api/reports/plan-prueba', viewer)).status).toBe(200)
    expect((await post('/api/reports/import', editor, { id: 'plan-prueba', kind: 'work-plan', es: text })).status).toBe(
      409,
    )
  })

  it('imports multipart files', async () => {
    const form = new FormData()
    form.set('id', 'plan-multipart')
    form.set('kind', 'work-plan')
    const bytes = await readFile(new URL('../../../server/seeds/crm-network-work-plan-2009.es.txt', import.meta.url))
    form.set('es', new Blob([bytes]), 'plan.es.txt')
    const response = await call('/api/reports/import', editor, { method: 'POST', body: form })
    expect(response.status).toBe(201)
    expect(response.body.id).toBe('plan-multipart')
  })

  it('answers bad imports with 422 and stores nothing', async () => {
    const before = (await call('/api/reports', viewer)).body.length
    const empty = await post('/api/reports/import', editor, { id: 'empty-report', es: '' })
    expect(empty.status).toBe(422)
    expect(empty.body.error.code).toMatch(/^import-/)
    const binary = await post('/api/reports/import', editor, {
      id: 'binary-report',
      es: '\u0000\u0001\u0002\u0003'.repeat(100),
    })
    expect(binary.status).toBe(422)
    expect((await post('/api/reports/import', editor, { id: 'Not A Slug', es: 'x' })).status).toBe(422)
    expect((await post('/api/reports/import', editor, { kind: 'novel', es: 'x' })).status).toBe(422)
    expect((await call('/api/reports', viewer)).body.length).toBe(before)
    expect((await call('/api/reports/empty-report', viewer)).status).toBe(404)
  })

  it('answers an oversized body with 413 and malformed JSON with 400', async () => {
    const huge = await post('/api/reports/import', editor, { es: 'x'.repeat(9 * 1024 * 1024) })
    expect(huge.status).toBe(413)
    expect(huge.body.error.code).toBe('too-large')
    const form = new FormData()
    form.set('es', new Blob([new Uint8Array(9 * 1024 * 1024).fill(65)]), 'huge.es.txt')
    const hugeUpload = await call('/api/reports/import', editor, { method: 'POST', body: form })
    expect(hugeUpload.status).toBe(413)
    const bad = await call('/api/login', undefined, {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts/)
  })

  it('exports a report as HTML in one language or both', async () => {
    const response = await fetch(`${server.url}/api/reports/test-report/export?format=html&lang=both`, {
      headers: { authorization: `Bearer ${viewer}` },
    })
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = await response.text()
    expect(html).toContain('Texto inicial')
    expect(html).toContain('Initial text')
    expect((await call('/api/reports/test-report/export?lang=fr', viewer)).status).toBe(400)
  })
})

describe('health, client and headers', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await call('/healthz', undefined)).body).toEqual({ ok: true })
    expect((await call('/readyz', undefined)).status).toBe(200)
  })

  it('serves index.html for page paths and static files, with security headers', async () => {
    for (const path of [
      '/',
      '/reports/test-report',
      '/reports/test-report/history',
      '/reports/test-report/diff?from=a&to=current',
      '/reports/test-report/translation',
      '/reports/test-report/review',
      '/import',
      '/admin?tab=audit',
    ]) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>cotejo</title>')
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBeTruthy()
    }
    expect(await (await fetch(`${server.url}/app.js`)).text()).toBe('console.log(1)')
  })

  it('lets browsers keep the hashed build files for a year without asking, but revalidate the page itself', async () => {
    const asset = await fetch(`${server.url}/assets/index-0a1b2c3d.js`)
    expect(await asset.text()).toBe('console.log(2)')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${server.url}/reports/test-report`)).headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${server.url}/assets/missing-00000000.js`)).status).toBe(404)
  })

  it('answers page paths with 503 when the client is not built', async () => {
    const bare = await startTestServer({ clientDir: join(clientDir, 'missing') })
    try {
      const response = await fetch(`${bare.url}/reports/x`)
      expect(response.status).toBe(503)
      expect((await response.json()).error.code).toBe('client-not-built')
    } finally {
      await bare.close()
    }
  })
})
