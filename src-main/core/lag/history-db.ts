/**
 * The lag history database: SQLite through node:sqlite, in WAL mode, schema versioned with
 * `PRAGMA user_version`. A process killed mid-write loses at most the transaction it was in;
 * committed samples are in the write-ahead log and survive (synchronous=NORMAL keeps them across a
 * process crash; only a power cut can drop the last few, never corrupt the file).
 */
import { renameSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** Each entry moves the schema one version forward; never edit one that has shipped. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL, -- -1: the topic's total over its partitions
    UNIQUE (cluster_id, group_id, topic, partition)
  );
  -- The newest samples, one row each, until compaction packs them into chunks.
  CREATE TABLE samples (
    series_id INTEGER NOT NULL,
    t INTEGER NOT NULL,
    committed INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (series_id, t)
  ) WITHOUT ROWID;
  CREATE TABLE chunks (
    series_id INTEGER NOT NULL,
    tier INTEGER NOT NULL,
    start_t INTEGER NOT NULL,
    end_t INTEGER NOT NULL,
    points INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (series_id, tier, start_t)
  ) WITHOUT ROWID;
  CREATE INDEX chunks_by_age ON chunks (tier, end_t);
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX events_by_group ON events (cluster_id, group_id, t);
  -- Stretches of time a cluster was sampled without interruption; what lies between is a gap.
  CREATE TABLE runs (
    cluster_id TEXT NOT NULL,
    start_t INTEGER NOT NULL,
    end_t INTEGER NOT NULL,
    interval_ms INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, start_t)
  ) WITHOUT ROWID;
  -- Why a gap is there when Samsa knows (the cluster did not answer).
  CREATE TABLE outages (
    cluster_id TEXT NOT NULL,
    start_t INTEGER NOT NULL,
    end_t INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (cluster_id, start_t)
  ) WITHOUT ROWID;
  CREATE TABLE watched (
    cluster_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    opened_at INTEGER,
    PRIMARY KEY (cluster_id, group_id)
  ) WITHOUT ROWID;
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface OpenedDb {
  db: DatabaseSync;
  /** Set when the file could not be opened and was moved aside: a sentence for the person. */
  problem: string | null;
}

function configure(db: DatabaseSync): void {
  // Must precede the first table: lets deleted history actually give disk space back.
  db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 3000');
  db.exec('PRAGMA journal_size_limit = 16777216');
  db.exec('PRAGMA temp_store = MEMORY');
}

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const from = row.user_version;
  if (from > SCHEMA_VERSION) {
    throw new Error(
      `The lag history was written by a newer Samsa (schema ${from}, this one knows ${SCHEMA_VERSION}). Update Samsa to read it.`,
    );
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }
}

/** Opens (creating if needed) and migrates. With `readOnly`, never writes (another process records). */
export function openHistoryDb(path: string, opts: { readOnly?: boolean } = {}): OpenedDb {
  if (opts.readOnly) {
    const db = new DatabaseSync(path, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 3000');
    return { db, problem: null };
  }
  try {
    const db = new DatabaseSync(path);
    try {
      configure(db);
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    return { db, problem: null };
  } catch (e) {
    const message = (e as Error).message;
    if (/newer Samsa/.test(message)) throw e;
    // An unreadable file must not stop the app: keep it for inspection and start a new history.
    const aside = `${path}.unreadable-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch {
      /* nothing to move */
    }
    const db = new DatabaseSync(path);
    configure(db);
    migrate(db);
    return { db, problem: `The lag history could not be read (${message}); it was moved to ${aside}.` };
  }
}

/** Runs `fn` in one write transaction. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
