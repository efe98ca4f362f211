import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const STARTED = /"event":"app_started"[^}]*"port":(\d+)/;
const START_TIMEOUT_MS = 15_000;

/** The app running as `node src/index.ts` in a child process, as it runs in production. */
export interface ChildApp {
  child: ChildProcessWithoutNullStreams;
  eventsUrl: string;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and resolves with how the child exited. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `src/index.ts` with exactly `env` (plus PATH and TMPDIR) and resolves once it logs `app_started`. */
export async function startChildApp(env: Record<string, string>): Promise<ChildApp> {
  const { child, output } = spawnApp(env);

  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The app did not start within ${START_TIMEOUT_MS} ms. Output:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = STARTED.exec(output());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it started. Output:\n${output()}`));
    });
  });

  return {
    child,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    output,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return { code: child.exitCode, signal: child.signalCode };
      }
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code, exitSignal] = await exited;
      return { code, signal: exitSignal };
    },
  };
}

/** How a child app that was expected to stop by itself ended. */
export interface ChildExit {
  code: number | null;
  output: string;
  elapsedMs: number;
}

/**
 * Runs `src/index.ts` with exactly `env` (plus PATH and TMPDIR) until it exits, for start-up failures.
 * Rejects if it is still running after `timeoutMs`.
 */
export function runChildAppToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildExit> {
  const startedAt = Date.now();
  const { child, output } = spawnApp(env);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app was still running after ${timeoutMs} ms. Output:\n${output()}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output(), elapsedMs: Date.now() - startedAt });
    });
  });
}

/** Spawns `src/index.ts` with exactly `env` (plus PATH and TMPDIR) and collects its stdout and stderr. */
function spawnApp(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
} {
  // Plain node with the tsx loader, not the tsx CLI, because the CLI runs the app in a grandchild process
  // that a signal sent to the child would not reach.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { child, output: () => output };
}
