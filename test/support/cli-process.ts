import { spawn } from 'node:child_process';
import path from 'node:path';
import { ADMIN_TOKEN, BOT_TOKEN } from '../emulator';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const LAUNCHER = path.join(__dirname, '..', '..', 'bin', 'reset-sessions.js');

/**
 * Runs the command-line tool as a child process against the emulator at `apiUrl`, in `cwd` so that no
 * `.env` of the repository is read. It is asynchronous because the emulator serves requests from this process.
 */
export function runCli(
  args: readonly string[],
  options: { apiUrl: string; cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: options.apiUrl,
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();

  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The CLI did not exit within ${options.timeoutMs ?? 20_000} ms. stderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Splits the tool's standard output into rows of tab-separated cells. */
export function outputRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}
