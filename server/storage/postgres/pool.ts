// Connections to PostgreSQL: the pool every statement goes through, transactions on it, and
// which driver errors mean what.

import pg, { type PoolClient } from 'pg'
import { StorageError } from '../storage.ts'

/** Opening a connection gives up after this long, so a database that does not answer fails calls instead of hanging them. */
const connectTimeoutMs = 10_000

/**
 * bigint columns (seqs, milliseconds) come back as numbers: they stay far below 2^53, and the
 * interface speaks numbers. Per pool, so other users of `pg` in the process keep strings.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

/** Settings of {@link createPool}. */
export interface PoolSettings {
  /** Most connections the pool opens. */
  readonly maxConnections: number
  /** Told about a connection that broke while idle in the pool (the pool replaces it). */
  readonly onIdleConnectionError: (error: Error) => void
}

/**
 * A pool of connections to `url`, each opened with `synchronous_commit = on` (so a COMMIT returns
 * once its commit record is flushed, whatever the server's or database's default) and bigint read
 * as numbers. It reconnects by itself: a broken connection is dropped and the next call opens a new one.
 */
export function createPool(url: string, settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.maxConnections,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'cotejo',
    options: '-c synchronous_commit=on',
    types: typeParsers,
  })
  // Without a listener, an idle connection breaking (a server restart) would end the process.
  pool.on('error', settings.onIdleConnectionError)
  return pool
}

/** The SQLSTATE of a server error, if `error` is one. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
    ? (error as { code: string }).code
    : undefined

/** unique_violation */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505'
/** foreign_key_violation: the report (or user) referred to does not exist. */
export const isForeignKeyViolation = (error: unknown): boolean => sqlState(error) === '23503'

/**
 * The connection failed rather than the statement: no SQLSTATE (socket closed, refused, timed
 * out), connection exceptions (08…) or the server shutting down or starting (57…).
 */
export const isConnectionFailure = (error: unknown): boolean => {
  if (error instanceof StorageError) return false
  const state = sqlState(error)
  return state === undefined || state.startsWith('08') || state.startsWith('57')
}

/** A COMMIT whose connection broke before the answer came: the transaction may or may not have committed. */
export class CommitInterrupted extends Error {
  constructor(readonly driverError: unknown) {
    super('The connection broke during COMMIT.', { cause: driverError })
  }
}

/** Isolation of a transaction: writes run READ COMMITTED under row and advisory locks; multi-statement reads take one snapshot. */
export type Isolation = 'read committed' | 'repeatable read'

/**
 * Runs `work` in a transaction on one connection; commits when it resolves, rolls back when it
 * rejects. A COMMIT that loses its connection rejects with {@link CommitInterrupted}. A broken
 * connection is discarded rather than returned to the pool.
 */
export async function runTransaction<T>(
  pool: pg.Pool,
  work: (client: PoolClient) => Promise<T>,
  isolation: Isolation,
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // A checked-out connection that breaks between statements emits 'error'; keep it from ending the process.
  const onError = (error: Error): void => {
    broken = error
  }
  client.on('error', onError)
  try {
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`)
    } catch (error) {
      broken = error as Error
      throw error
    }
    let result: T
    try {
      result = await work(client)
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError
      })
      throw error
    }
    try {
      await client.query('COMMIT')
    } catch (error) {
      if (!isConnectionFailure(error)) throw error
      broken = error as Error
      throw new CommitInterrupted(error)
    }
    return result
  } finally {
    client.removeListener('error', onError)
    client.release(broken)
  }
}

/** {@link runTransaction}, rejecting with the driver's own error when COMMIT loses its connection. */
export async function transaction<T>(
  pool: pg.Pool,
  work: (client: PoolClient) => Promise<T>,
  isolation: Isolation = 'read committed',
): Promise<T> {
  try {
    return await runTransaction(pool, work, isolation)
  } catch (error) {
    throw error instanceof CommitInterrupted ? error.driverError : error
  }
}
