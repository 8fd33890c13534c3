import type { PoolClient } from 'pg'

/**
 * The PostgreSQL schema, one step per version: the same tables as the SQLite schema
 * (`migrations.ts`), with bytea for Yjs updates and states, bigint for seqs and milliseconds,
 * numeric version ids, text[] for actor lists and json (kept as written, unlike jsonb) for version
 * authors and hashes, and a timestamptz lease expiry (leases
 * are timed by the database's clock). Text keys use the "C" collation so they sort by bytes, as in
 * SQLite, whatever the database's locale.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE reports (
    id text COLLATE "C" PRIMARY KEY,
    title_es text NOT NULL,
    title_en text NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    created_at bigint NOT NULL,
    -- appenders allocate seqs by incrementing this under the row's lock
    last_seq bigint NOT NULL DEFAULT 0,
    -- every entry with seq <= compacted_through was merged into checkpoints and dropped
    compacted_through bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE updates (
    report text COLLATE "C" NOT NULL REFERENCES reports (id),
    seq bigint NOT NULL,
    data bytea NOT NULL,
    username text NOT NULL,
    time bigint NOT NULL,
    PRIMARY KEY (report, seq)
  );
  CREATE TABLE checkpoints (
    report text COLLATE "C" NOT NULL REFERENCES reports (id),
    seq bigint NOT NULL,
    state bytea NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (report, seq)
  );
  CREATE TABLE versions (
    report text COLLATE "C" NOT NULL REFERENCES reports (id),
    id bigint NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    name text,
    created_at bigint NOT NULL,
    created_by text NOT NULL,
    authors json NOT NULL,
    hashes json NOT NULL,
    PRIMARY KEY (report, id)
  );
  CREATE INDEX versions_by_seq ON versions (report, seq);
  -- one automatic version per seq, so several instances cannot both make it
  CREATE UNIQUE INDEX versions_auto_once ON versions (report, seq) WHERE kind = 'auto';
  CREATE TABLE block_states (
    report text COLLATE "C" NOT NULL REFERENCES reports (id),
    section text COLLATE "C" NOT NULL,
    block text COLLATE "C" NOT NULL,
    es_changed_at bigint NOT NULL DEFAULT 0,
    en_changed_at bigint NOT NULL DEFAULT 0,
    in_step_at bigint NOT NULL DEFAULT 0,
    mark text,
    marked_by text,
    marked_at bigint,
    PRIMARY KEY (report, section, block)
  );
  CREATE TABLE users (
    username text COLLATE "C" PRIMARY KEY,
    role text NOT NULL,
    actors text[] NOT NULL,
    password_hash text NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE TABLE sessions (
    token_hash text COLLATE "C" PRIMARY KEY,
    username text COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    last_seen bigint NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (username);
  CREATE INDEX sessions_by_last_seen ON sessions (last_seen);
  CREATE TABLE leases (
    name text COLLATE "C" PRIMARY KEY,
    holder text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  `,
  // Why a version was published before every section was signed off (issue 15).
  `
  ALTER TABLE versions ADD COLUMN reason text;
  `,
  // Administration: deactivated accounts, passwords to change at next sign-in, and the audit log
  // (read newest first by id, filtered by kind, user, report or time).
  `
  ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
  ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
  CREATE TABLE audit (
    id bigserial PRIMARY KEY,
    time bigint NOT NULL,
    kind text NOT NULL,
    username text COLLATE "C" NOT NULL,
    ip text NOT NULL,
    report text COLLATE "C",
    target text COLLATE "C",
    detail text NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (time);
  CREATE INDEX audit_by_user ON audit (username, id);
  CREATE INDEX audit_by_report ON audit (report, id);
  `,
]

/**
 * Key of the transaction-level advisory lock held while migrating, so instances starting together
 * run each step once (the others wait, then find it applied). Any fixed number works; this one is
 * "cotejo" in ASCII.
 */
export const migrationLockKey = 0x636f74656a6f

/**
 * Applies the steps not yet applied, in one transaction holding the migration lock; the table
 * `schema_migrations` lists the steps applied. Rejects with the driver's error (and changes
 * nothing) when a step fails.
 */
export async function migratePostgres(client: PoolClient): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey])
    // Created under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide.
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (step integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const { rows } = await client.query<{ applied: number }>(
      'SELECT count(*)::integer AS applied FROM schema_migrations',
    )
    for (let step = rows[0]!.applied; step < postgresMigrations.length; step++) {
      await client.query(postgresMigrations[step]!)
      await client.query('INSERT INTO schema_migrations (step) VALUES ($1)', [step + 1])
    }
    await client.query('COMMIT')
  } catch (error) {
    // The step's error is the one to report; a connection that cannot even roll back is discarded by the caller.
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
