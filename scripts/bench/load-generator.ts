import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { CommandRequest, CommandShot, SubmissionRequest, SubmissionShot } from './load';
import { isLoadReply, LOAD_READY, type LoadReply, type LoadRequest } from './load-protocol';

const LOAD_PROCESS = path.resolve(__dirname, 'load-process.ts');
const READY_TIMEOUT_MS = 20_000;

interface PendingJob {
  resolve: (reply: LoadReply) => void;
  reject: (error: Error) => void;
}

/**
 * The HTTP client of the benchmark, in a child process of its own. Sharing the emulator's event loop would
 * let the emulator's work delay the reading of the app's responses, and that delay would count as app latency.
 */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, PendingJob>();

  private constructor(
    private readonly child: ChildProcess,
    /** The load process's id, for reading its CPU time. */
    readonly pid: number,
  ) {
    child.on('message', (message: unknown) => {
      if (isLoadReply(message)) {
        this.pending.get(message.id)?.resolve(message);
        this.pending.delete(message.id);
      }
    });
    child.on('exit', (code) => {
      for (const job of this.pending.values()) {
        job.reject(new Error(`The load process exited with code ${code} before it replied.`));
      }
      this.pending.clear();
    });
  }

  /** Forks `load-process.ts` through tsx and resolves once it reports ready. */
  static async start(): Promise<LoadGenerator> {
    const child = fork(LOAD_PROCESS, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The load process did not report ready within ${READY_TIMEOUT_MS} ms.`)),
        READY_TIMEOUT_MS,
      );
      child.on('message', (message: unknown) => {
        if (message === LOAD_READY) {
          resolve();
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`The load process exited with code ${code} before it was ready.`)),
      );
    });
    try {
      await ready;
    } catch (error) {
      child.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (child.pid === undefined) {
      throw new Error('The load process has no pid.');
    }
    return new LoadGenerator(child, child.pid);
  }

  async commands(
    eventsUrl: string,
    signingSecret: string,
    commands: CommandRequest[],
  ): Promise<CommandShot[]> {
    const reply = await this.run({ kind: 'commands', eventsUrl, signingSecret, commands });
    if (reply.kind !== 'commands') {
      throw new Error(`The load process failed to send commands: ${describeFailure(reply)}`);
    }
    return reply.shots;
  }

  async submissions(
    eventsUrl: string,
    signingSecret: string,
    forms: SubmissionRequest[],
  ): Promise<SubmissionShot[]> {
    const reply = await this.run({ kind: 'submissions', eventsUrl, signingSecret, forms });
    if (reply.kind !== 'submissions') {
      throw new Error(`The load process failed to send submissions: ${describeFailure(reply)}`);
    }
    return reply.shots;
  }

  /** Closes the IPC channel, which ends the load process, and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }

  private run(request: LoadRequest): Promise<LoadReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id }, (error) => {
        if (error !== null) {
          this.pending.delete(id);
          reject(error);
        }
      });
    });
  }
}

function describeFailure(reply: LoadReply): string {
  return reply.kind === 'failed' ? reply.error : `unexpected reply of kind ${reply.kind}`;
}
