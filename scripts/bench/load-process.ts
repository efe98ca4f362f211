/**
 * Entry point of the load generator's own process. It sends the batches the benchmark posts over IPC and
 * posts back each request's timing, so the client's event loop shares nothing with the emulator's.
 */
import { sendCommands, sendSubmissions } from './load';
import { isLoadJob, LOAD_READY, type LoadJob, type LoadReply } from './load-protocol';

async function run(job: LoadJob): Promise<LoadReply> {
  try {
    return job.kind === 'commands'
      ? {
          id: job.id,
          kind: 'commands',
          shots: await sendCommands(job.eventsUrl, job.signingSecret, job.commands),
        }
      : {
          id: job.id,
          kind: 'submissions',
          shots: await sendSubmissions(job.eventsUrl, job.signingSecret, job.forms),
        };
  } catch (error) {
    return { id: job.id, kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

const send = process.send?.bind(process);
if (send === undefined) {
  process.stderr.write('load-process.ts runs only as a child of scripts/bench.ts, with an IPC channel.\n');
  process.exit(2);
}

process.on('message', (message: unknown) => {
  if (!isLoadJob(message)) {
    process.stderr.write(
      `Load process: ignored a message that is not a load job: ${JSON.stringify(message)}\n`,
    );
    return;
  }
  void run(message).then((reply) => send(reply));
});
// The parent closes the channel when it is done, and the process then has nothing left to wait for.
process.on('disconnect', () => process.exit(0));
send(LOAD_READY);
