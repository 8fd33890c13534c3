import type { Database } from 'better-sqlite3'

/** The SQLite schema, one step per version; `user_version` records the steps applied. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    title_es TEXT NOT NULL,
    title_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    -- every entry with seq <= compacted_through was merged into checkpoints and dropped
    compacted_through INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE updates (
    report TEXT NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    user TEXT NOT NULL,
    time INTEGER NOT NULL,
    PRIMARY KEY (report, seq)
  ) WITHOUT ROWID;
  CREATE TABLE checkpoints (
    report TEXT NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    state BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (report, seq)
  ) WITHOUT ROWID;
  CREATE TABLE versions (
    report TEXT NOT NULL REFERENCES reports(id),
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT,
    created_at INTEGER NOT NULL,
    authors TEXT NOT NULL,
    PRIMARY KEY (report, id)
  );
  CREATE INDEX versions_by_seq ON versions (report, seq);
  CREATE TABLE users (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    actors TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (username);
  `,
  // Versions, diffs and translation status: numeric version ids (kept in the TEXT column as
  // decimals), who made a version and its per-section hashes; one automatic version per seq;
  // per-block translation history.
  `
  ALTER TABLE versions ADD COLUMN created_by TEXT NOT NULL DEFAULT 'system';
  ALTER TABLE versions ADD COLUMN hashes TEXT NOT NULL DEFAULT '{}';
  CREATE UNIQUE INDEX versions_auto_once ON versions (report, seq) WHERE kind = 'auto';
  CREATE TABLE block_states (
    report TEXT NOT NULL REFERENCES reports(id),
    section TEXT NOT NULL,
    block TEXT NOT NULL,
    es_changed_at INTEGER NOT NULL DEFAULT 0,
    en_changed_at INTEGER NOT NULL DEFAULT 0,
    in_step_at INTEGER NOT NULL DEFAULT 0,
    mark TEXT,
    marked_by TEXT,
    marked_at INTEGER,
    PRIMARY KEY (report, section, block)
  ) WITHOUT ROWID;
  `,
  // Leases: which instance makes a report's versions (see Storage.acquireLease).
  `
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Why a version was published before every section was signed off (issue 15).
  `
  ALTER TABLE versions ADD COLUMN reason TEXT;
  `,
  // Administration: deactivated accounts, passwords to change at next sign-in, and the audit log
  // (`audit`, read newest first by id, filtered by kind, user, report or time).
  `
  ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    kind TEXT NOT NULL,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    report TEXT,
    target TEXT,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (time);
  CREATE INDEX audit_by_user ON audit (username, id);
  CREATE INDEX audit_by_report ON audit (report, id);
  `,
]

/** Applies the migrations not yet applied, each in its own transaction. */
export function migrate(db: Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  for (let step = applied; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]!)
      db.pragma(`user_version = ${step + 1}`)
    })()
  }
}
