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

/**
 * Starts `src/index.ts` with exactly `env` (plus PATH and TMPDIR) and resolves once it logs `app_started`.
 * Plain node with the tsx loader, not the tsx CLI, because the CLI runs the app in a grandchild process that
 * a signal to the CLI would not reach.
 */
export async function startChildApp(env: Record<string, string>): Promise<ChildApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });

  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The app did not start within ${START_TIMEOUT_MS} ms. Output:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = STARTED.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it started. Output:\n${output}`));
    });
  });

  return {
    child,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    output: () => output,
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
