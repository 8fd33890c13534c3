import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openStorage } from '../../../server/storage/open-storage.ts'
import { PostgresStorage } from '../../../server/storage/postgres/postgres-storage.ts'
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage.ts'
import type { NewUpdate, ReportRecord } from '../../../server/storage/storage.ts'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres.ts'
import { pause } from '../clients.ts'
import { storageSuite } from './storage-suite.ts'

let server: RunningPostgres
let databases = 0

/** A fresh empty database on the file's server; resolves with its URL. */
const freshDatabase = (): Promise<string> => server.createDatabase(`test_${++databases}`)

const report = (id: string): ReportRecord => ({
  id,
  title: { es: 'Informe', en: 'Report' },
  kind: 'annual-report',
  status: 'draft',
  createdAt: 1,
})
const initial = ((): Uint8Array => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'init ')
  return Y.encodeStateAsUpdate(doc)
})()

/** One person typing into root `root` of their own document; each update holds what the log has not got yet. */
class Typist {
  private readonly doc = new Y.Doc()
  private stored = Y.encodeStateVector(this.doc)
  /** The text as of the last stored update. */
  storedText = ''
  constructor(readonly root: string) {}
  /** Types `word` and gives the update to append: everything since the last stored one. */
  type(word: string): Uint8Array {
    this.doc.getText(this.root).insert(this.doc.getText(this.root).length, word)
    return Y.encodeStateAsUpdate(this.doc, this.stored)
  }
  /** The last update given was stored. */
  storedIt(): void {
    this.stored = Y.encodeStateVector(this.doc)
    this.storedText = this.doc.getText(this.root).toString()
  }
}

/** Checks report `r`'s log is 1…n without gaps and every entry decodes; resolves with the entries. */
async function checkedLog(url: string): Promise<Map<number, Uint8Array>> {
  const reader = await PostgresStorage.open(url)
  try {
    const log = await reader.loadLog('r')
    expect(log.checkpoint).toBeUndefined()
    expect(log.updates.map((entry) => entry.seq)).toEqual(Array.from({ length: log.lastSeq }, (_, index) => index + 1))
    for (const entry of log.updates) Y.applyUpdate(new Y.Doc(), entry.update)
    return new Map(log.updates.map((entry) => [entry.seq, entry.update]))
  } finally {
    await reader.close()
  }
}

/** The text of every root after applying the whole log in order. */
function textsOf(log: Map<number, Uint8Array>): Map<string, string> {
  const doc = new Y.Doc()
  for (const update of log.values()) Y.applyUpdate(doc, update)
  expect(doc.store.pendingStructs).toBeNull()
  return new Map([...doc.share.keys()].map((root) => [root, doc.getText(root).toString()]))
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b))

beforeAll(async () => {
  server = await startPostgres()
})

afterAll(async () => {
  await server?.dispose()
})

storageSuite('PostgreSQL', {
  async create() {
    return PostgresStorage.open(await freshDatabase())
  },
  async dispose() {},
})

describe('PostgreSQL storage', () => {
  it('turns synchronous_commit on for its own connections even when the database says off', async () => {
    const url = await freshDatabase()
    /** Runs one statement on a connection of its own, as any other client of the database would. */
    const asOtherClient = async (text: string): Promise<unknown> => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return (await client.query(text)).rows[0]
      } finally {
        await client.end()
      }
    }
    await asOtherClient(`ALTER DATABASE test_${databases} SET synchronous_commit = off`)
    expect(await asOtherClient('SHOW synchronous_commit')).toEqual({ synchronous_commit: 'off' })
    const storage = await PostgresStorage.open(url)
    try {
      const pool = (storage as unknown as { pool: pg.Pool }).pool
      const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()])
      for (const client of clients) {
        expect((await client.query('SHOW synchronous_commit')).rows[0]).toEqual({ synchronous_commit: 'on' })
        expect((await client.query('SHOW fsync')).rows[0]).toEqual({ fsync: 'on' })
        client.release()
      }
    } finally {
      await storage.close()
    }
  })

  it('migrates once when instances start together, and opens an up-to-date database without change', async () => {
    const url = await freshDatabase()
    const instances = await Promise.all([1, 2, 3].map(() => PostgresStorage.open(url)))
    await instances[0]!.createReport(report('r'), initial, 'system')
    expect(await instances[2]!.getReport('r')).toEqual(report('r'))
    await Promise.all(instances.map((instance) => instance.close()))
    const again = await PostgresStorage.open(url)
    try {
      expect(await again.listReports()).toEqual([report('r')])
    } finally {
      await again.close()
    }
  })

  it('gives two instances appending to one report at once distinct, gap-free seqs and stores every update', async () => {
    const url = await freshDatabase()
    const instances = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)])
    try {
      await instances[0].createReport(report('r'), initial, 'system')
      await instances[1].createReport(report('s'), initial, 'system')
      const appended: Array<{ seq: number; update: Uint8Array }> = []
      const words = 40
      // Four people per instance, each waiting for one append before the next.
      const typing = instances.flatMap((storage, instance) =>
        [0, 1, 2, 3].map(async (person) => {
          const typist = new Typist(`t${instance}${person}`)
          for (let i = 0; i < words; i++) {
            const update = typist.type(`${i} `)
            const [seq] = await storage.appendUpdates([{ report: 'r', update, user: typist.root, time: Date.now() }])
            typist.storedIt()
            appended.push({ seq: seq!, update })
          }
          return typist
        }),
      )
      // Meanwhile batches spanning both reports, listed in opposite orders by the two instances: no deadlock.
      const crossing = instances.map(async (storage, instance) => {
        const typist = new Typist(`x${instance}`)
        for (let i = 0; i < 20; i++) {
          const update = typist.type(`${i} `)
          const batch: NewUpdate[] = (instance === 0 ? ['r', 's'] : ['s', 'r']).map((id) => ({
            report: id,
            update,
            user: typist.root,
            time: Date.now(),
          }))
          const seqs = await storage.appendUpdates(batch)
          typist.storedIt()
          appended.push({ seq: seqs[instance === 0 ? 0 : 1]!, update })
        }
        return typist
      })
      const typists = await Promise.all([...typing, ...crossing])
      const log = await checkedLog(url)
      expect(log.size).toBe(1 + 8 * words + 2 * 20)
      expect(new Set(appended.map((entry) => entry.seq)).size).toBe(appended.length)
      // The seqs whose stored update is not the one appended with that seq.
      expect(
        appended.filter((entry) => !sameBytes(log.get(entry.seq), entry.update)).map((entry) => entry.seq),
      ).toEqual([])
      const texts = textsOf(log)
      for (const typist of typists) expect(texts.get(typist.root)).toBe(typist.storedText)
      console.log(`two instances: ${appended.length} appends to one report, seqs 2–${log.size} without gaps`)
    } finally {
      await Promise.all(instances.map((storage) => storage.close()))
    }
  })

  describe('when the connection breaks during COMMIT', () => {
    /**
     * A storage whose COMMITs of appends take a second (a deferred trigger sleeps), and whose
     * connection's socket is cut 300 ms into such a COMMIT; `onCut` gets the backend's pid.
     */
    async function storageCutDuringCommit(
      onCut: (pid: number) => Promise<void>,
    ): Promise<{ storage: PostgresStorage; cut: Promise<void> }> {
      const storage = await PostgresStorage.open(await freshDatabase())
      await storage.createReport(report('r'), initial, 'system')
      const pool = (storage as unknown as { pool: pg.Pool }).pool
      await pool.query(`CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON updates DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()`)
      let cutDone: (value: Promise<void>) => void = () => undefined
      const cut = new Promise<void>((resolve) => {
        cutDone = resolve
      })
      let armed = true
      pool.on('acquire', (client) => {
        const query = client.query.bind(client) as (text: string) => Promise<unknown>
        const pid = (client as unknown as { processID: number }).processID
        ;(client as unknown as { query: unknown }).query = (...args: [string]) => {
          if (armed && args[0] === 'COMMIT') {
            armed = false
            cutDone(
              pause(300).then(async () => {
                ;(client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
                await onCut(pid)
              }),
            )
          }
          return query(...args)
        }
      })
      return { storage, cut }
    }

    it('resolves an append whose transaction committed anyway', async () => {
      const { storage, cut } = await storageCutDuringCommit(async () => {})
      try {
        const started = Date.now()
        expect(await storage.appendUpdates([{ report: 'r', update: initial, user: 'a', time: 1 }])).toEqual([2])
        await cut
        // The answer waited for the backend to finish its COMMIT (the trigger sleeps 1 s).
        expect(Date.now() - started).toBeGreaterThanOrEqual(900)
        expect((await storage.loadLog('r')).updates.map((entry) => [entry.seq, entry.user])).toEqual([
          [1, 'system'],
          [2, 'a'],
        ])
      } finally {
        await storage.close()
      }
    })

    it('rejects an append whose transaction did not commit', async () => {
      const { storage, cut } = await storageCutDuringCommit(async (pid) => {
        const { rows } = await (storage as unknown as { pool: pg.Pool }).pool.query<{ done: boolean }>(
          'SELECT pg_terminate_backend($1) AS done',
          [pid],
        )
        expect(rows).toEqual([{ done: true }])
      })
      try {
        await expect(storage.appendUpdates([{ report: 'r', update: initial, user: 'a', time: 1 }])).rejects.toThrow(
          /Connection terminated|ECONNRESET/,
        )
        await cut
        expect((await storage.loadLog('r')).lastSeq).toBe(1)
        expect(await storage.appendUpdates([{ report: 'r', update: initial, user: 'b', time: 1 }])).toEqual([2])
      } finally {
        await storage.close()
      }
    })
  })

  it('rejects while the server is stopped and works again once it is back, without being reopened', async () => {
    const storage = await PostgresStorage.open(await freshDatabase())
    try {
      await storage.createReport(report('r'), initial, 'system')
      await server.stop()
      await expect(storage.ping()).rejects.toThrow()
      await expect(storage.appendUpdates([{ report: 'r', update: initial, user: 'a', time: 1 }])).rejects.toThrow()
      await server.start()
      await storage.ping()
      expect(await storage.appendUpdates([{ report: 'r', update: initial, user: 'a', time: 1 }])).toEqual([2])
    } finally {
      await server.start()
      await storage.close()
    }
  })

  it('keeps every resolved append and none of the rejected ones when the server is killed mid-stream', async () => {
    const url = await freshDatabase()
    const storage = await PostgresStorage.open(url, { commitOutcomeWaitMs: 20_000 })
    const attempts: Array<{ update: Uint8Array; seq: number | undefined; after: boolean }> = []
    let typing = true
    let restarted = false
    try {
      await storage.createReport(report('r'), initial, 'system')
      // Only so the restart replays little WAL (the test databases' creation is in it otherwise).
      await (storage as unknown as { pool: pg.Pool }).pool.query('CHECKPOINT')
      const typists = [0, 1, 2, 3].map((person) => new Typist(`t${person}`))
      const streams = typists.map(async (typist) => {
        for (let i = 0; typing; i++) {
          const update = typist.type(`${i} `)
          try {
            const [seq] = await storage.appendUpdates([{ report: 'r', update, user: typist.root, time: Date.now() }])
            typist.storedIt()
            attempts.push({ update, seq, after: restarted })
          } catch {
            attempts.push({ update, seq: undefined, after: restarted })
            await pause(100) // the database is away: the next attempt carries this update's content too
          }
        }
      })
      // They type for half a second, the database is away for 300 ms, then they type half a second more.
      await pause(500)
      const killedAt = Date.now()
      await server.kill()
      await pause(300)
      await server.start()
      const downMs = Date.now() - killedAt
      restarted = true
      await pause(500)
      typing = false
      await Promise.all(streams)

      const log = await checkedLog(url)
      const resolved = attempts.filter((attempt) => attempt.seq !== undefined)
      const rejected = attempts.filter((attempt) => attempt.seq === undefined)
      const lost = resolved.filter((attempt) => !sameBytes(log.get(attempt.seq!), attempt.update))
      const storedStored = [...log.values()]
      const rejectedButStored = rejected.filter((attempt) =>
        storedStored.some((update) => sameBytes(update, attempt.update)),
      )
      console.log(
        `killed mid-stream: ${attempts.length} appends tried, ${resolved.length} resolved, ${rejected.length} rejected, ` +
          `lost ${lost.length}, rejected but stored ${rejectedButStored.length}, resolved after restart ${resolved.filter((attempt) => attempt.after).length}; database away ${downMs} ms`,
      )
      expect(lost).toEqual([])
      expect(rejectedButStored).toEqual([])
      expect(log.size).toBe(1 + resolved.length)
      expect(rejected.length).toBeGreaterThan(0)
      expect(resolved.filter((attempt) => attempt.after).length).toBeGreaterThan(0)
      const texts = textsOf(log)
      for (const typist of typists) expect(texts.get(typist.root)).toBe(typist.storedText)
    } finally {
      typing = false
      await server.start()
      await storage.close()
    }
  })
})

describe('openStorage', () => {
  it('opens PostgreSQL for a postgres URL, SQLite without one, and refuses another scheme', async () => {
    const postgres = await openStorage({ dataDir: '/nonexistent', databaseUrl: await freshDatabase() })
    expect(postgres).toBeInstanceOf(PostgresStorage)
    await postgres.close()
    const dir = await mkdtemp(join(tmpdir(), 'cotejo-storage-'))
    try {
      const sqlite = await openStorage({ dataDir: dir })
      expect(sqlite).toBeInstanceOf(SqliteStorage)
      await sqlite.close()
      await expect(openStorage({ dataDir: dir, databaseUrl: 'mysql://db/cotejo' })).rejects.toThrow(
        /postgres:\/\/ or postgresql:\/\//,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
