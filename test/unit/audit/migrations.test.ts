import Database from 'better-sqlite3';
import {
  AuditSchemaTooNewError,
  type Migration,
  migrate,
  readUserVersion,
} from '../../../src/audit/migrations';

function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

describe('migrate', () => {
  let db: Database.Database;
  let applied: number[];
  let migrations: Migration[];

  beforeEach(() => {
    db = new Database(':memory:');
    applied = [];
    migrations = [1, 2, 3].map((version) => ({
      version,
      up: (target) => {
        applied.push(version);
        target.exec(`CREATE TABLE step_${version} (id INTEGER)`);
      },
    }));
  });

  afterEach(() => {
    db.close();
  });

  it('fresh database runs all in order', () => {
    const result = migrate(db, migrations);

    expect(applied).toEqual([1, 2, 3]);
    expect(result).toEqual({ fromVersion: 0, toVersion: 3 });
    expect(readUserVersion(db)).toBe(3);
  });

  it('runs only pending migrations', () => {
    migrate(db, migrations.slice(0, 2));
    applied = [];

    const result = migrate(db, migrations);

    expect(applied).toEqual([3]);
    expect(result).toEqual({ fromVersion: 2, toVersion: 3 });
  });

  it('current database runs nothing', () => {
    migrate(db, migrations);
    applied = [];

    migrate(db, migrations);

    expect(applied).toEqual([]);
  });

  it('failed step rolls back all', () => {
    migrations.push({
      version: 4,
      up: () => {
        throw new Error('step 4 failed');
      },
    });

    expect(() => migrate(db, migrations)).toThrow('step 4 failed');
    expect(readUserVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('newer version is rejected', () => {
    db.pragma('user_version = 7');

    expect(() => migrate(db, migrations)).toThrow(AuditSchemaTooNewError);
    expect(() => migrate(db, migrations)).toThrow(
      'schema version 7, but this build supports up to version 3',
    );
    expect(applied).toEqual([]);
  });

  it('unordered list is rejected', () => {
    const unordered = [migrations[1], migrations[0]].filter((migration) => migration !== undefined);

    expect(() => migrate(db, unordered)).toThrow('but 1 follows 2');
    expect(applied).toEqual([]);
  });

  it('duplicate version is rejected', () => {
    const first = migrations[0];
    if (first === undefined) {
      throw new Error('fixture has no migrations');
    }

    expect(() => migrate(db, [first, first])).toThrow('ascending order');
  });
});
