import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { storageSuite } from './storage-suite.ts'

let dir: string | undefined

storageSuite('SQLite', {
  async create() {
    dir = await mkdtemp(join(tmpdir(), 'cotejo-storage-'))
    return new SqliteStorage(dir)
  },
  async dispose() {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    dir = undefined
  },
})

describe('SQLite storage settings', () => {
  it('uses WAL with synchronous FULL, so a committed update is on disk', async () => {
    const path = await mkdtemp(join(tmpdir(), 'cotejo-storage-'))
    const storage = new SqliteStorage(path)
    try {
      const db = (storage as unknown as { db: { pragma(text: string, options: { simple: true }): unknown } }).db
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
    } finally {
      await storage.close()
      await rm(path, { recursive: true, force: true })
    }
  })
})
