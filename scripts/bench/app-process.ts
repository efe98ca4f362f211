import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const STARTED = /"event":"app_started"[^}]*"port":(\d+)/;
const START_TIMEOUT_MS = 20_000;

/** The built app (`node dist/index.js`) in its own process, so its memory and CPU are its own. */
export interface AppProcess {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  port: number;
  /** Milliseconds from spawn to the `app_started` log line. */
  startupMs: number;
  /** Log lines seen so far, kept only until start-up; later lines are counted and dropped. */
  lineCount(): number;
  /** Sends SIGTERM and resolves with the exit code and the milliseconds shutdown took. */
  stop(): Promise<{ code: number | null; shutdownMs: number }>;
}

/**
 * Spawns `node [nodeArgs] dist/index.js` with exactly `env` plus PATH, and resolves once it is listening.
 */
export async function startAppProcess(
  nodeArgs: readonly string[],
  env: Record<string, string>,
): Promise<AppProcess> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'dist/index.js'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('Could not start node dist/index.js.');
  }

  let startOutput = '';
  let lines = 0;
  let started = false;
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The app did not start:\n${startOutput}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      lines += text.split('\n').length - 1;
      if (started) {
        return;
      }
      startOutput += text;
      const match = STARTED.exec(startOutput);
      if (match?.[1] !== undefined) {
        started = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    // Both pipes are drained for the whole run, because a full pipe would block the app's logger.
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it started:\n${startOutput}`));
    });
  });

  const listeningPort = await port;
  const startupMs = performance.now() - spawnedAt;
  return {
    child,
    pid,
    port: listeningPort,
    startupMs,
    lineCount: () => lines,
    stop: async () => {
      const stoppingAt = performance.now();
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      return { code: typeof code === 'number' ? code : null, shutdownMs: performance.now() - stoppingAt };
    },
  };
}
