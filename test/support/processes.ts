import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A child process that only waits, standing in for another live process such as a CLI run. */
export interface Sleeper {
  pid: number;
  stop: () => Promise<void>;
}

function spawnIdle(): ChildProcess & { pid: number } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  const { pid } = child;
  if (pid === undefined) {
    throw new Error('The idle child process did not start.');
  }
  return Object.assign(child, { pid });
}

export function startSleeper(): Sleeper {
  const child = spawnIdle();
  return {
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Returns the pid of a process that has already exited. */
export async function exitedPid(): Promise<number> {
  const sleeper = startSleeper();
  await sleeper.stop();
  return sleeper.pid;
}
