import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_TOKEN, BOT_TOKEN } from '../emulator';

const REPO_ROOT = path.resolve(__dirname, '../..');
const SUMMARY_LINE = 'Demo finished: 2 people signed out, 1 refusal recorded';
const RUN_TIMEOUT_MS = 20_000;

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx scripts/demo.ts` as `npm run demo` does, and collects its output. */
function runDemo(args: string[] = []): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/demo.ts', ...args], {
      cwd: REPO_ROOT,
      timeout: RUN_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts the demo with plain node and the tsx loader, so a signal reaches the demo process itself, and
 * resolves with the process and its temp folder once the demo has printed where that folder is.
 */
async function startDemoProcess(): Promise<{ child: ChildProcessWithoutNullStreams; folder: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--verbose'], {
    cwd: REPO_ROOT,
  });
  let stdout = '';
  const folder = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The demo printed no audit file. stdout:\n${stdout}`)),
      RUN_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const found = auditFolder(stdout);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return { child, folder };
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function auditFolder(stdout: string): string | undefined {
  const match = /Audit file: (\S+) \((?:deleted|kept) at the end\)/.exec(stdout);
  return match?.[1] === undefined ? undefined : path.dirname(match[1]);
}

describe('npm run demo', () => {
  let run: DemoRun;

  beforeAll(async () => {
    run = await runDemo();
  });

  it('exits 0', () => {
    expect(run.stderr).not.toContain('Demo failed');
    expect(run.code).toBe(0);
  });

  it('prints the summary line', () => {
    expect(run.stdout.split('\n')).toContain(SUMMARY_LINE);
  });

  it('prints four numbered steps', () => {
    const steps = run.stdout.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(steps.map((line) => line.split('.')[0])).toEqual(['1', '2', '3', '4']);
  });

  it('names the token type of each reset', () => {
    const resets = run.stdout.split('\n').filter((line) => line.includes('user_id @'));
    expect(resets).toHaveLength(2);
    expect(resets.every((line) => line.includes('user token'))).toBe(true);
  });

  it('deletes its temp folder', () => {
    const folder = auditFolder(run.stdout);
    expect(folder).toBeDefined();
    expect(fs.existsSync(folder ?? '')).toBe(false);
  });

  it('prints no token with --verbose', async () => {
    const verbose = await runDemo(['--verbose']);

    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toContain('App log, info level and above');
    expect(verbose.stdout).not.toContain(ADMIN_TOKEN);
    expect(verbose.stdout).not.toContain(BOT_TOKEN);
  });

  it('deletes its temp folder when the reader closes output', async () => {
    const { child, folder } = await startDemoProcess();

    // As `| head` does: later writes to standard output fail with EPIPE.
    child.stdout.destroy();

    expect(await exitCode(child)).toBe(141);
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('deletes its temp folder on Ctrl-C', async () => {
    const { child, folder } = await startDemoProcess();

    child.kill('SIGINT');

    expect(await exitCode(child)).toBe(130);
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('keeps the audit database with --keep', async () => {
    const kept = await runDemo(['--keep']);
    const folder = auditFolder(kept.stdout);
    try {
      expect(kept.code).toBe(0);
      expect(kept.stdout).toMatch(/npm run audit:export -- --db \S+audit\.sqlite3 --since \d{4}-\d{2}-\d{2}/);
      expect(fs.existsSync(path.join(folder ?? '', 'audit.sqlite3'))).toBe(true);
    } finally {
      if (folder !== undefined) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects an unknown argument', async () => {
    const rejected = await runDemo(['--no-such-option']);

    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('Unknown argument: --no-such-option');
  });
});
