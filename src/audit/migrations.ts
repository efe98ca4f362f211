import type BetterSqlite3 from 'better-sqlite3';

/** One schema change. `version` is the `PRAGMA user_version` the database has after `up` runs. */
export interface Migration {
  version: number;
  up(db: BetterSqlite3.Database): void;
}

/**
 * Enumerations (action, status, source, scope) have no CHECK constraint, because SQLite cannot alter a
 * CHECK without rebuilding the table and the store writes only typed values. Booleans are checked.
 * Times are ISO-8601 UTC text with milliseconds, so text order is time order.
 */
const INITIAL_SCHEMA = `
CREATE TABLE requests (
  id TEXT NOT NULL PRIMARY KEY,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  requester_id TEXT NOT NULL,
  team_id TEXT,
  enterprise_id TEXT,
  scope TEXT,
  reason TEXT NOT NULL,
  dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
  source TEXT NOT NULL,
  session_id TEXT,
  session_summary TEXT,
  detail TEXT,
  created_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;

CREATE INDEX requests_created_at ON requests (created_at, id);
CREATE INDEX requests_requester_id ON requests (requester_id, created_at);

CREATE TABLE request_targets (
  request_id TEXT NOT NULL REFERENCES requests (id),
  user_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (request_id, position)
) STRICT;

CREATE INDEX request_targets_user_id ON request_targets (user_id, request_id);

CREATE TABLE outcomes (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES requests (id),
  user_id TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  error TEXT,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX outcomes_request_id ON outcomes (request_id, id);
`;

/** Every schema change in order. Append new entries and never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(INITIAL_SCHEMA);
    },
  },
  {
    // Bulk resets only queue work at Slack, so an ok outcome may mean "queued" rather than "signed out".
    version: 2,
    up: (db) => {
      db.exec('ALTER TABLE outcomes ADD COLUMN queued INTEGER NOT NULL DEFAULT 0 CHECK (queued IN (0, 1))');
    },
  },
  {
    // The view_submission a reset came from, so a repeated delivery after a restart resets nobody again.
    version: 3,
    up: (db) => {
      db.exec(`
        ALTER TABLE requests ADD COLUMN submission_key TEXT;
        CREATE UNIQUE INDEX requests_submission_key ON requests (submission_key) WHERE submission_key IS NOT NULL;
      `);
    },
  },
  {
    // The process running each request, so start-up recovery leaves a live CLI run open. Older rows have
    // no owner and are treated as belonging to a process that is gone.
    version: 4,
    up: (db) => {
      db.exec(`
        ALTER TABLE requests ADD COLUMN owner_host TEXT;
        ALTER TABLE requests ADD COLUMN owner_pid INTEGER;
      `);
    },
  },
];

/** Raised when the file was written by a newer build, whose schema this code cannot read safely. */
export class AuditSchemaTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `Audit database ${file} has schema version ${fileVersion}, but this build supports up to version ` +
        `${supportedVersion}. Run a newer build of Reset Sessions, or set AUDIT_DB_PATH to another file.`,
    );
    this.name = 'AuditSchemaTooNewError';
  }
}

export interface MigrationResult {
  fromVersion: number;
  toVersion: number;
}

/**
 * Applies every migration above the file's `user_version` in one IMMEDIATE transaction, so a failed step
 * leaves the file unchanged and two processes opening the same file cannot both migrate it.
 */
export function migrate(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  requireAscending(migrations);
  const supportedVersion = migrations.at(-1)?.version ?? 0;

  const run = db.transaction((): MigrationResult => {
    // Read inside the write lock: another process may have migrated the file while this one waited.
    const fromVersion = readUserVersion(db);
    if (fromVersion > supportedVersion) {
      throw new AuditSchemaTooNewError(db.name, fromVersion, supportedVersion);
    }

    for (const migration of migrations) {
      if (migration.version > fromVersion) {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
    }
    return { fromVersion, toVersion: Math.max(fromVersion, supportedVersion) };
  });
  return run.immediate();
}

export function readUserVersion(db: BetterSqlite3.Database): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') {
    throw new TypeError(`PRAGMA user_version returned ${String(version)} for ${db.name}, expected a number.`);
  }
  return version;
}

function requireAscending(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(
        `Migration versions must be integers above 0 in ascending order, but ${migration.version} ` +
          `follows ${previous}.`,
      );
    }
    previous = migration.version;
  }
}
