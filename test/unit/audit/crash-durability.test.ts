import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { SqliteAuditStore } from '../../../src/audit/sqlite-audit-store';
import { makeTempDir, minutesAfterStart } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, 'fixtures', 'hold-open-request.ts');

/** Resolves once the child prints "ready", or rejects with its stderr if it exits first. */
function waitForReady(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('ready\n')) {
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('exit', (code) => reject(new Error(`Child exited with ${code} before ready:\n${stderr}`)));
  });
}

describe('SqliteAuditStore crash', () => {
  let dir: string;
  let remove: () => void;

  beforeEach(() => {
    ({ dir, remove } = makeTempDir());
  });

  afterEach(() => {
    remove();
  });

  it('SIGKILL keeps acknowledged writes', async () => {
    const file = path.join(dir, 'audit.sqlite3');
    // Plain node with the tsx loader, not the tsx CLI: the CLI runs the script in a grandchild process
    // that SIGKILL on the CLI would not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, file], { cwd: REPO_ROOT });
    await waitForReady(child);

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect(code).toBeNull();
    expect(signal).toBe('SIGKILL');

    const store = SqliteAuditStore.open(file);
    const record = await store.getRequest('crash-1');
    const { interrupted } = await store.interruptOpenRequests(minutesAfterStart(10));
    await store.close();

    expect(record?.status).toBe('open');
    expect(record?.outcomes).toEqual([{ userId: 'U0001', ok: true, at: minutesAfterStart(1) }]);
    expect(interrupted.map((request) => request.id)).toEqual(['crash-1']);
  });
});
