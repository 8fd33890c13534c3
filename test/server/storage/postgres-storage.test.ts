import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../../server/storage/postgres-storage.ts'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres.ts'
import { storageSuite } from './storage-suite.ts'

let server: RunningPostgres
let databases = 0

/** A fresh empty database on the file's server; resolves with its URL. */
const freshDatabase = (): Promise<string> => server.createDatabase(`test_${++databases}`)

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
