import { PostgresStorage } from './postgres/postgres-storage.ts'
import { SqliteStorage } from './sqlite/sqlite-storage.ts'
import type { Storage } from './storage.ts'

/** Where the server keeps its data. */
export interface OpenStorageOptions {
  /** Directory of the SQLite database, used when there is no `databaseUrl`. */
  readonly dataDir: string
  /** A PostgreSQL URL (`postgres://…` or `postgresql://…`, from `DATABASE_URL`); when set, the data lives there. */
  readonly databaseUrl?: string
  /** PostgreSQL: hears pooled connections that broke while idle (they are replaced by themselves). */
  readonly onIdleConnectionError?: (error: Error) => void
}

/**
 * Opens the storage: PostgreSQL when `databaseUrl` is set (shared by several instances), else the
 * embedded SQLite database in `dataDir`. Throws a `RangeError` for a URL of another scheme, and
 * rejects with the driver's error when PostgreSQL cannot be reached.
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const { databaseUrl } = options
  if (databaseUrl === undefined || databaseUrl === '') return new SqliteStorage(options.dataDir)
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new RangeError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…"); leave it unset to use SQLite in DATA_DIR.`,
    )
  }
  return PostgresStorage.open(
    databaseUrl,
    options.onIdleConnectionError ? { onIdleConnectionError: options.onIdleConnectionError } : {},
  )
}
