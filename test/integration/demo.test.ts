import { spawn } from 'node:child_process';
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

function auditFolder(stdout: string): string | undefined {
  const match = /Audit file: (\S+) \(deleted at the end\)/.exec(stdout);
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

  it('rejects an unknown argument', async () => {
    const rejected = await runDemo(['--no-such-option']);

    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('Unknown argument: --no-such-option');
  });
});
