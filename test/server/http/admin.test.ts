// Administration through real HTTP and sockets: accounts (create, change, reset, deactivate), the
// password to change at first sign-in, the actors registry, and the audit log of all of it.

import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuditEntryJSON, AuditPageJSON } from '../../../schema/api/audit.ts'
import { closeForbidden, closeUnauthorized } from '../../../schema/close-codes.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { closedWithin, connectClient, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const reportId = 'test-report'
let server: TestServer
let admin: string
let editor: string
const clients: TestClient[] = []

interface Answer {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in assertions
  readonly body: any
  readonly text: string
  readonly headers: Headers
}

/** Calls the API as `token` from the client address `address` (the test server trusts one proxy). */
async function call(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  address = '198.51.100.1',
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'x-forwarded-for': address,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: response.status, body: parsed, text, headers: response.headers }
}

/** Signs in from `address`; the answer with its token. */
const login = (username: string, password: string, address = '198.51.100.1'): Promise<Answer> =>
  call('POST', '/api/login', undefined, { username, password }, address)

/** The audit entries matching `query` (newest first), as the admin reads them. */
async function audit(query = ''): Promise<AuditEntryJSON[]> {
  const answer = await call('GET', `/api/audit${query}`, admin)
  expect(answer.status, answer.text).toBe(200)
  return (answer.body as AuditPageJSON).entries
}

function socket(token: string): TestClient {
  const client = connectClient(server.wsUrl, reportId, token)
  clients.push(client)
  return client
}

beforeAll(async () => {
  server = await startTestServer({ reports: [testReport(reportId)], trustProxy: 1 })
  admin = (await login('admin', testAdminPassword)).body.token
  editor = (await server.createUser({ username: 'edna', password: 'edna-password', role: 'editor' })).token
}, 60_000)

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server.close()
})

describe('a new account', () => {
  it('must change the password at first sign-in: until then every other call is 403 password-change-required and the socket 4401', async () => {
    const created = await call('POST', '/api/users', admin, {
      username: 'ines',
      password: 'temporary-1',
      role: 'agency',
      actors: ['iom'],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ username: 'ines', active: true, mustChangePassword: true, actors: ['iom'] })

    const signedIn = await login('ines', 'temporary-1', '203.0.113.5')
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user).toEqual({ username: 'ines', role: 'agency', actors: ['iom'], mustChangePassword: true })
    const token = signedIn.body.token as string
    expect((await call('GET', '/api/me', token)).body.mustChangePassword).toBe(true)
    const refused = await call('GET', '/api/reports', token)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('password-change-required')
    expect(await closedWithin(socket(token))).toBe(closeUnauthorized)

    const wrong = await call('POST', '/api/me/password', token, { current: 'not-it-at-all', next: 'my-own-secret' })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.code).toBe('bad-current')
    const short = await call('POST', '/api/me/password', token, { current: 'temporary-1', next: 'short' })
    expect(short.status).toBe(422)
    expect(short.body.error).toMatchObject({ code: 'bad-password', message: expect.stringMatching(/^next must/) })

    const changed = await call('POST', '/api/me/password', token, { current: 'temporary-1', next: 'my-own-secret' })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.body.mustChangePassword).toBeUndefined()
    expect((await call('GET', '/api/reports', token)).status).toBe(200)
    const client = socket(token)
    await client.synced
    expect((await login('ines', 'my-own-secret')).status).toBe(200)

    const entries = await audit('?user=ines')
    expect(entries.map((entry) => entry.kind)).toEqual(['sign-in', 'password-changed', 'sign-in'])
    expect(entries[2]).toMatchObject({ ip: '203.0.113.5', detail: 'signed in; must change the password' })
    const creation = (await audit('?kind=user-created')).find((entry) => entry.target === 'ines')
    expect(creation).toMatchObject({ user: 'admin', ip: '198.51.100.1', detail: 'created as agency for iom' })
  }, 60_000)

  it('answers 400 with the field for a bad role, and 422 with the field for bad new fields', async () => {
    const role = await call('POST', '/api/users', admin, { username: 'x1', password: 'password-1', role: 'boss' })
    expect([role.status, role.body.error.code]).toEqual([400, 'bad-role'])
    const flag = await call('POST', '/api/users', admin, {
      username: 'x1',
      password: 'password-1',
      role: 'viewer',
      mustChangePassword: 'yes',
    })
    expect([flag.status, flag.body.error.code]).toEqual([422, 'bad-must-change-password'])
    const active = await call('PATCH', '/api/users/edna', admin, { active: 'no' })
    expect([active.status, active.body.error.code]).toEqual([422, 'bad-active'])
  })
})

describe('changing an account', () => {
  it('records role and actor changes, and a reset makes the user change the password again', async () => {
    await server.createUser({ username: 'raul', password: 'raul-password', role: 'viewer' })
    expect((await call('PATCH', '/api/users/raul', admin, { role: 'agency', actors: ['ilo'] })).status).toBe(200)
    const reset = await call('PATCH', '/api/users/raul', admin, { password: 'reset-password' })
    expect(reset.body).toMatchObject({ role: 'agency', actors: ['ilo'], mustChangePassword: true })
    const token = (await login('raul', 'reset-password')).body.token as string
    expect((await call('GET', '/api/reports', token)).body.error.code).toBe('password-change-required')

    const kinds = (await audit('?kind=role-changed,actors-changed,password-reset')).filter(
      (entry) => entry.target === 'raul',
    )
    expect(kinds.map((entry) => [entry.kind, entry.detail])).toEqual([
      ['password-reset', 'password set; to be changed at next sign-in'],
      ['actors-changed', 'actors none → ilo'],
      ['role-changed', 'role viewer → agency'],
    ])
  }, 30_000)

  it('deactivating ends the sessions and closes the sockets with 4401; the user cannot sign in until reactivated', async () => {
    const { token } = await server.createUser({ username: 'dora', password: 'dora-password', role: 'editor' })
    const client = socket(token)
    await client.synced
    const deactivated = await call('PATCH', '/api/users/dora', admin, { active: false })
    expect(deactivated.body.active).toBe(false)
    expect(await closedWithin(client)).toBe(closeUnauthorized)
    expect((await call('GET', '/api/me', token)).status).toBe(401)
    const refused = await login('dora', 'dora-password')
    expect([refused.status, refused.body.error.code]).toEqual([403, 'account-deactivated'])
    expect((await login('dora', 'wrong-password')).status).toBe(401)

    expect((await call('PATCH', '/api/users/dora', admin, { active: true })).body.active).toBe(true)
    expect((await login('dora', 'dora-password')).status).toBe(200)
    const entries = await audit('?user=dora&kind=sign-in-failed')
    expect(entries.map((entry) => entry.detail)).toEqual(['wrong password', 'account deactivated'])
    const admins = await audit('?user=admin&kind=user-deactivated,user-reactivated')
    expect(admins.filter((entry) => entry.target === 'dora').map((entry) => entry.kind)).toEqual([
      'user-reactivated',
      'user-deactivated',
    ])
  }, 30_000)

  it('refuses deactivating oneself (409) and leaves the last admin an admin', async () => {
    expect((await call('PATCH', '/api/users/admin', admin, { active: false })).body.error.code).toBe('own-account')
    expect((await call('PATCH', '/api/users/admin', admin, { role: 'editor' })).body.error.code).toBe('last-admin')
  })

  it('is for admins only: an editor gets 403 from /api/users and /api/audit', async () => {
    expect((await call('GET', '/api/users', editor)).status).toBe(403)
    expect((await call('PATCH', '/api/users/dora', editor, { active: false })).status).toBe(403)
    expect((await call('GET', '/api/audit', editor)).status).toBe(403)
    expect((await call('GET', '/api/audit', undefined)).status).toBe(401)
  })
})

describe('the audit log', () => {
  it('records imports, restores, publishes and a refused collaboration change (4403)', async () => {
    const text = await readFile(
      new URL('../../../server/seeds/cam-work-plan-2018-2019.es.txt', import.meta.url),
      'utf8',
    )
    expect(
      (await call('POST', '/api/reports/import', editor, { id: 'plan-audit', kind: 'work-plan', es: text })).status,
    ).toBe(201)
    const named = await call('POST', `/api/reports/${reportId}/versions`, editor, { name: 'before' })
    expect(named.status).toBe(201)
    expect((await call('POST', `/api/reports/${reportId}/restore`, editor, { version: named.body.id })).status).toBe(
      201,
    )
    expect(
      (await call('POST', `/api/reports/${reportId}/publish`, editor, { reason: 'Circulated before sign-off' })).status,
    ).toBe(201)

    const { token } = await server.createUser({
      username: 'ilo-agency',
      password: 'ilo-password',
      role: 'agency',
      actors: ['ilo'],
    })
    const intruder = socket(token)
    await intruder.synced
    typeInto(intruder.doc, 'es/iom', 'not ours ')
    expect(await closedWithin(intruder)).toBe(closeForbidden)

    const entries = await audit('?user=edna&kind=import,restore,publish')
    expect(entries.map((entry) => entry.kind)).toEqual(['publish', 'restore', 'import'])
    expect(entries[2]).toMatchObject({ report: 'plan-audit', ip: '198.51.100.1' })
    expect(entries[1]!.detail).toMatch(/^restored version \d+ as version \d+$/)
    await vi.waitFor(async () => {
      const refused = await audit('?kind=change-refused')
      expect(refused[0]).toMatchObject({ user: 'ilo-agency', report: reportId, ip: '127.0.0.1' })
    }, waitLimits())
  }, 60_000)

  it('filters by report and time, pages newest first, and refuses a bad filter with 400 naming it', async () => {
    const all = await audit('?limit=500')
    expect(all.map((entry) => entry.id)).toEqual([...all.map((entry) => entry.id)].sort((a, b) => b - a))
    const byReport = await audit(`?report=${reportId}`)
    expect(byReport.length).toBeGreaterThan(0)
    expect(byReport.every((entry) => entry.report === reportId)).toBe(true)
    expect(await audit('?from=2999-01-01')).toEqual([])
    expect((await audit(`?to=${all.at(-1)!.time}`)).map((entry) => entry.id)).toEqual([all.at(-1)!.id])

    const first = (await call('GET', '/api/audit?limit=2', admin)).body as AuditPageJSON
    expect(first.entries.map((entry) => entry.id)).toEqual(all.slice(0, 2).map((entry) => entry.id))
    const second = (await call('GET', `/api/audit?limit=2&before=${first.next}`, admin)).body as AuditPageJSON
    expect(second.entries.map((entry) => entry.id)).toEqual(all.slice(2, 4).map((entry) => entry.id))

    const kind = await call('GET', '/api/audit?kind=sign-in,coffee', admin)
    expect([kind.status, kind.body.error.code]).toEqual([400, 'bad-kind'])
    const time = await call('GET', '/api/audit?from=yesterday', admin)
    expect([time.status, time.body.error.code]).toEqual([400, 'bad-time'])
    expect((await call('GET', '/api/audit?limit=501', admin)).body.error.code).toBe('bad-limit')
  }, 30_000)

  it('exports CSV with quoting, and defuses text a spreadsheet would run', async () => {
    // A failed sign-in records the username as typed: a comma, quotes and a formula.
    expect((await login('=cmd,"x"', 'whatever-1')).status).toBe(401)
    const csv = await call('GET', '/api/audit?kind=sign-in-failed&format=csv', admin)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?audit\.csv"?$/)
    const lines = csv.text.split('\r\n')
    expect(lines[0]).toBe('id,time,kind,user,ip,report,target,detail')
    expect(lines[1]).toMatch(
      /^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,sign-in-failed,"'=cmd,""x""",198\.51\.100\.1,,,no such user$/,
    )
    expect(lines.at(-1)).toBe('')
    expect(lines.length - 2).toBe((await audit('?kind=sign-in-failed')).length)
  })
})

describe('the actors registry', () => {
  it('lists, adds and renames actors in the live document, for editors and admins, and records it', async () => {
    const viewer = (await server.createUser({ username: 'vera', password: 'vera-password', role: 'viewer' })).token
    const listed = await call('GET', `/api/reports/${reportId}/actors`, viewer)
    expect(listed.body.map((actor: { id: string }) => actor.id)).toEqual(['iom', 'ilo'])
    const watcher = socket(viewer)
    await watcher.synced

    const unhcr = {
      id: 'unhcr',
      name: { es: 'Alto Comisionado de las Naciones Unidas para los Refugiados', en: 'UN Refugee Agency' },
      acronym: { es: 'ACNUR', en: 'UNHCR' },
    }
    expect((await call('POST', `/api/reports/${reportId}/actors`, viewer, unhcr)).status).toBe(403)
    expect((await call('POST', `/api/reports/${reportId}/actors`, admin, unhcr)).status).toBe(201)
    expect((await call('POST', `/api/reports/${reportId}/actors`, admin, unhcr)).body.error.code).toBe('actor-exists')
    const renamed = await call('PATCH', `/api/reports/${reportId}/actors/unhcr`, editor, {
      name: { en: 'Office of the United Nations High Commissioner for Refugees' },
    })
    expect(renamed.body).toEqual({
      ...unhcr,
      name: { ...unhcr.name, en: 'Office of the United Nations High Commissioner for Refugees' },
    })
    await vi.waitFor(() => {
      const entry = watcher.doc.getMap<import('yjs').Map<string>>('actors').get('unhcr')
      expect(entry?.get('name_en')).toBe('Office of the United Nations High Commissioner for Refugees')
      expect(entry?.get('acronym_es')).toBe('ACNUR')
    }, waitLimits())

    const bad = await call('POST', `/api/reports/${reportId}/actors`, admin, { ...unhcr, id: 'Not A Slug' })
    expect([bad.status, bad.body.error.code]).toEqual([422, 'bad-actor-id'])
    const empty = await call('PATCH', `/api/reports/${reportId}/actors/unhcr`, admin, { acronym: { es: '' } })
    expect([empty.status, empty.body.error.code]).toEqual([422, 'bad-actor-acronym'])
    expect((await call('PATCH', `/api/reports/${reportId}/actors/nobody`, admin, {})).status).toBe(404)

    const entries = await audit(`?report=${reportId}&kind=actor-added,actor-changed`)
    expect(entries.map((entry) => [entry.kind, entry.user, entry.target])).toEqual([
      ['actor-changed', 'edna', 'unhcr'],
      ['actor-added', 'admin', 'unhcr'],
    ])
    expect(entries[0]!.detail).toBe(
      'name_en "UN Refugee Agency" → "Office of the United Nations High Commissioner for Refugees"',
    )
  }, 30_000)
})
