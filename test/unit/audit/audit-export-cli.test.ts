import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toAuditEvent } from '../../../src/audit/audit-events';
import { SqliteAuditStore } from '../../../src/audit/sqlite-audit-store';
import { makeRefusal, makeRequest, makeTempDir, minutesAfterStart } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the export script the way `npm run audit:export` does, with AUDIT_DB_PATH taken from `env` only. */
function runExport(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const { AUDIT_DB_PATH: _ignored, ...inherited } = process.env;

  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/audit-export.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...inherited, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('audit-export script', () => {
  let dir: string;
  let remove: () => void;
  let dbFile: string;
  const reason = '<!channel> <@U123> &lt; 🔥\nline two';

  beforeAll(async () => {
    ({ dir, remove } = makeTempDir());
    dbFile = path.join(dir, 'audit.sqlite3');

    const store = SqliteAuditStore.open(dbFile);
    await store.beginRequest(makeRequest({ id: 'old', createdAt: minutesAfterStart(-60) }));
    await store.beginRequest(makeRequest({ id: 'new', reason, createdAt: minutesAfterStart(5) }));
    await store.recordOutcome('new', { userId: 'U0001', ok: true, at: minutesAfterStart(6) });
    await store.completeRequest('new', minutesAfterStart(7));
    await store.recordRefusal(makeRefusal({ id: 'refused', createdAt: minutesAfterStart(1) }));
    await store.close();
  });

  afterAll(() => {
    remove();
  });

  it('writes JSON lines since date', async () => {
    const result = await runExport(['--since', '2026-03-01T10:00:00Z'], { AUDIT_DB_PATH: dbFile });

    expect(result.code).toBe(0);
    const events = parseLines(result.stdout);
    expect(events.map((event) => (event as { correlation_id: string }).correlation_id)).toEqual([
      'refused',
      'new',
    ]);
    expect(result.stderr).toContain('Exported 2 audit records');

    const store = SqliteAuditStore.open(dbFile);
    const stored = await store.getRequest('new');
    await store.close();
    if (stored === undefined) {
      throw new Error('Seeded request "new" is missing from the test database.');
    }
    expect(events[1]).toEqual(toAuditEvent(stored));
  });

  it('--out writes the file only', async () => {
    const outFile = path.join(dir, 'export.jsonl');

    const result = await runExport(['--since', '2026-01-01', '--db', dbFile, '--out', outFile]);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(parseLines(fs.readFileSync(outFile, 'utf8'))).toHaveLength(3);
    expect(fs.existsSync(`${outFile}.partial`)).toBe(false);
  });

  it('missing database exits 1', async () => {
    const missing = path.join(dir, 'nowhere', 'audit.sqlite3');

    const result = await runExport(['--since', '2026-01-01', '--db', missing]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Audit database not found: ${missing}`);
    expect(result.stderr).toContain('AUDIT_DB_PATH');
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('missing --out folder exits 1', async () => {
    const outDir = path.join(dir, 'missing');

    const result = await runExport([
      '--since',
      '2026-01-01',
      '--db',
      dbFile,
      '--out',
      path.join(outDir, 'x.jsonl'),
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Output folder not found: ${outDir}.`);
    expect(result.stderr).not.toContain('.partial');
  });

  it('invalid --since exits 2', async () => {
    const result = await runExport(['--since', 'last week', '--db', dbFile]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid --since "last week"');
    expect(result.stdout).toBe('');
  });

  it('--help prints usage', async () => {
    const result = await runExport(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run audit:export -- --since DATE');
  });
});
