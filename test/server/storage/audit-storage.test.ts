// The audit log and the administration columns of `users`, in both storages: the same contract.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../../server/storage/postgres/postgres-storage.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import type { NewAuditEntry, Storage } from '../../../server/storage/storage.ts'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres.ts'

let postgres: RunningPostgres
let databases = 0
const dirs: string[] = []

beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)

afterAll(async () => {
  await postgres?.dispose()
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

const storages: Record<string, () => Promise<Storage>> = {
  SQLite: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cotejo-audit-'))
    dirs.push(dir)
    return new SqliteStorage(dir)
  },
  PostgreSQL: async () => PostgresStorage.open(await postgres.createDatabase(`audit_${++databases}`)),
}

const entry = (time: number, fields: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  time,
  kind: 'sign-in',
  user: 'ana',
  ip: '192.0.2.1',
  detail: 'signed in',
  ...fields,
})

for (const [name, open] of Object.entries(storages)) {
  describe(`${name} audit log`, () => {
    it('lists entries newest first, filtered by kinds, user, report and time, a page at a time', async () => {
      const storage = await open()
      try {
        await storage.addAuditEntry(entry(1000))
        await storage.addAuditEntry(entry(2000, { kind: 'import', report: 'r1', detail: 'imported, "quoted"' }))
        await storage.addAuditEntry(entry(3000, { kind: 'user-created', user: 'admin', target: 'ana' }))
        await storage.addAuditEntry(entry(4000, { kind: 'change-refused', report: 'r1', ip: '2001:db8::1' }))
        const all = await storage.listAuditEntries({ limit: 10 })
        expect(all.map((found) => found.time)).toEqual([4000, 3000, 2000, 1000])
        expect(all[1]).toEqual({
          id: all[1]!.id,
          ...entry(3000, { kind: 'user-created', user: 'admin', target: 'ana' }),
        })
        expect(all[2]).toMatchObject({ report: 'r1', detail: 'imported, "quoted"' })
        expect('report' in all[3]!).toBe(false)

        const times = async (query: Parameters<Storage['listAuditEntries']>[0]) =>
          (await storage.listAuditEntries(query)).map((found) => found.time)
        expect(await times({ kinds: ['import', 'change-refused'], limit: 10 })).toEqual([4000, 2000])
        expect(await times({ user: 'ana', report: 'r1', limit: 10 })).toEqual([4000, 2000])
        expect(await times({ from: 2000, to: 3000, limit: 10 })).toEqual([3000, 2000])
        expect(await times({ limit: 2 })).toEqual([4000, 3000])
        expect(await times({ before: all[1]!.id, limit: 2 })).toEqual([2000, 1000])
      } finally {
        await storage.close()
      }
    })

    it('keeps whether a user is active and must change the password', async () => {
      const storage = await open()
      try {
        await storage.createUser({ username: 'ana', role: 'viewer', actors: [], passwordHash: 'h', createdAt: 1 })
        expect(await storage.getUser('ana')).toMatchObject({ active: true, mustChangePassword: false })
        await storage.createUser({
          username: 'bea',
          role: 'agency',
          actors: ['iom'],
          passwordHash: 'h',
          createdAt: 1,
          mustChangePassword: true,
        })
        expect(await storage.getUser('bea')).toMatchObject({ active: true, mustChangePassword: true })
        const changed = await storage.updateUser('bea', { active: false, mustChangePassword: false })
        expect(changed).toMatchObject({ active: false, mustChangePassword: false, actors: ['iom'] })
        expect(await storage.getUser('bea')).toEqual(changed)
        expect(await storage.updateUser('bea', { role: 'agency' })).toMatchObject({ active: false })
      } finally {
        await storage.close()
      }
    })
  })
}
