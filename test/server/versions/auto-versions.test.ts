import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectClient, letAnythingArrive, pause, waitLimits, type TestClient } from '../clients.ts'
import { startTestServer, testAdminPassword, type TestServer } from '../../helpers/server.ts'
import { apiFor, versionsReport, type Api, type ApiVersion } from './versions-fixtures.ts'
import { setBlockText } from './y-edits.ts'

const pauseMs = 200
const reportId = 'versions-report'

describe('Automatic and named versions', () => {
  let server: TestServer
  let admin: Api
  const clients: TestClient[] = []

  beforeEach(async () => {
    server = await startTestServer({ reports: [versionsReport(reportId)], versionPauseMs: pauseMs })
    admin = apiFor(server, await server.login('admin', testAdminPassword))
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  const versions = () => admin.get<ApiVersion[]>(`/api/reports/${reportId}/versions`)

  it('makes the import the first version, one automatic version after a pause, none when nothing changed, and lists who changed which section', async () => {
    const agency = await server.createUser({
      username: 'oim-staff',
      password: 'agency-password',
      role: 'agency',
      actors: ['iom'],
    })
    const client = connectClient(server.wsUrl, reportId, agency.token)
    clients.push(client)
    await client.synced
    await vi.waitFor(async () => expect(await versions()).toHaveLength(1), waitLimits())
    const [base] = await versions()
    expect(base).toMatchObject({ id: 1, seq: 1, kind: 'auto', createdBy: 'system' })
    expect(new Date(base!.createdAt).toISOString()).toBe(base!.createdAt)

    setBlockText(client.doc, 'es/iom', 'iom-c0', 'Mandato revisado de la OIM')
    await pause(50)
    setBlockText(client.doc, 'es/iom', 'iom-c1', 'Programadas y revisadas')
    // One automatic version after the pause.
    await vi.waitFor(async () => expect(await versions()).toHaveLength(2), waitLimits())
    const [auto] = await versions()
    expect(auto).toMatchObject({
      id: 2,
      kind: 'auto',
      createdBy: 'system',
      authors: [{ user: 'oim-staff', sections: ['iom'] }],
    })
    expect(auto!.seq).toBeGreaterThan(1)

    // Nothing changes: several pauses later there is still no new version.
    await letAnythingArrive(pauseMs * 4)
    expect((await versions()).map((version) => version.id)).toEqual([2, 1])
  })

  it('makes automatic versions every few minutes during long sessions, even without a pause', async () => {
    await server.close()
    server = await startTestServer({
      reports: [versionsReport(reportId)],
      versionPauseMs: 60_000,
      versionMaxIntervalMs: 300,
    })
    admin = apiFor(server, await server.login('admin', testAdminPassword))
    const client = connectClient(server.wsUrl, reportId, (await server.login('admin', testAdminPassword)).token)
    clients.push(client)
    await client.synced
    await vi.waitFor(async () => expect(await versions()).toHaveLength(1), waitLimits())
    const started = Date.now()
    for (let i = 0; Date.now() - started < 1000; i++) {
      setBlockText(client.doc, 'en/background', 'b1', `Initial text ${i}`)
      await pause(40)
    }
    const made = (await versions()).filter((version) => version.id > 1)
    // One second of typing with no pause, a version at least every 300 ms: two to four of them.
    expect(made.length).toBeGreaterThanOrEqual(2)
    expect(made.length).toBeLessThanOrEqual(4)
    expect(made.map((version) => [version.kind, version.authors[0]?.sections.join()])).toEqual(
      made.map(() => ['auto', 'background']),
    )
  })

  it('makes the pending automatic version when the server shuts down, and counts from the latest state after publishing an old version', async () => {
    await server.close()
    const dataDir = await mkdtemp(join(tmpdir(), 'cotejo-versions-'))
    try {
      server = await startTestServer({ dataDir, reports: [versionsReport(reportId)], versionPauseMs: 60_000 })
      admin = apiFor(server, await server.login('admin', testAdminPassword))
      const editor = await server.createUser({ username: 'eddie', password: 'editor-password', role: 'editor' })
      const client = connectClient(server.wsUrl, reportId, editor.token)
      clients.push(client)
      await client.synced
      await vi.waitFor(async () => expect(await versions()).toHaveLength(1), waitLimits())
      setBlockText(client.doc, 'es/ilo', 'ilo-intro', 'Texto antes del cierre')
      // The edit is stored.
      await vi.waitFor(
        async () => expect(JSON.stringify(await admin.get(`/api/reports/${reportId}`))).toContain('antes del cierre'),
        waitLimits(),
      )
      client.destroy()
      clients.splice(0)
      await server.close()

      server = await startTestServer({ dataDir, versionPauseMs: pauseMs })
      admin = apiFor(server, await server.login('admin', testAdminPassword))
      const [closing, base] = await versions()
      expect(closing).toMatchObject({ id: 2, kind: 'auto', authors: [{ user: 'eddie', sections: ['ilo'] }] })
      expect(base!.id).toBe(1)
      expect(JSON.stringify(await admin.get(`/api/reports/${reportId}/versions/2`))).toContain('antes del cierre')

      // Publishing the base adds a pointer at seq 1; the next automatic version still counts from version 2.
      expect(
        (await admin.call('POST', `/api/reports/${reportId}/publish`, { version: 1, reason: 'base' })).status,
      ).toBe(201)
      const again = connectClient(server.wsUrl, reportId, (await server.login('eddie', 'editor-password')).token)
      clients.push(again)
      await again.synced
      setBlockText(again.doc, 'en/iom', 'iom-c4', 'Voluntary funds')
      // An automatic version after the publish.
      await vi.waitFor(async () => expect((await versions())[0]).toMatchObject({ kind: 'auto' }), waitLimits())
      const [after] = await versions()
      // The publish's status change is admin's, on `*`; version 2 is the base, not the pointer at seq 1.
      expect(after!.authors).toEqual([
        { user: 'admin', sections: ['*'] },
        { user: 'eddie', sections: ['iom'] },
      ])
    } finally {
      for (const client of clients.splice(0)) client.destroy()
      await server.close()
      server = await startTestServer({ reports: [versionsReport(reportId)] })
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('names the current state on request, also when nothing changed, and refuses bad names and roles', async () => {
    const client = connectClient(server.wsUrl, reportId, (await server.login('admin', testAdminPassword)).token)
    clients.push(client)
    await client.synced
    await vi.waitFor(async () => expect(await versions()).toHaveLength(1), waitLimits())
    const first = await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, {
      name: '  Borrador para revisión  ',
    })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      id: 2,
      kind: 'named',
      name: 'Borrador para revisión',
      createdBy: 'admin',
      seq: 1,
      authors: [],
    })
    const again = await admin.call<ApiVersion>('POST', `/api/reports/${reportId}/versions`, { name: 'Same state' })
    expect(again.status).toBe(201)
    expect((await versions()).map((version) => [version.id, version.kind])).toEqual([
      [3, 'named'],
      [2, 'named'],
      [1, 'auto'],
    ])

    for (const name of ['', '   ', 'x'.repeat(201), 42]) {
      const answer = await admin.call<{ error: { code: string } }>('POST', `/api/reports/${reportId}/versions`, {
        name,
      })
      expect(answer.status).toBe(422)
      expect(answer.body.error.code).toBe('bad-name')
    }
    const viewer = apiFor(
      server,
      await server.createUser({ username: 'reader', password: 'viewer-password', role: 'viewer' }),
    )
    expect((await viewer.call('POST', `/api/reports/${reportId}/versions`, { name: 'Nope' })).status).toBe(403)
    expect((await viewer.call('GET', `/api/reports/${reportId}/versions`)).status).toBe(200)
    expect((await admin.call('GET', '/api/reports/no-such-report/versions')).status).toBe(404)
    expect((await admin.call('GET', `/api/reports/${reportId}/versions/99`)).status).toBe(404)
    expect((await admin.call('GET', `/api/reports/${reportId}/versions/abc`)).status).toBe(400)
  })
})
