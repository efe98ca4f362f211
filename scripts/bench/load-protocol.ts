import type { CommandRequest, CommandShot, SubmissionRequest, SubmissionShot } from './load';

/** A batch of requests for the load process, which sends them all at once. */
export type LoadRequest = { eventsUrl: string; signingSecret: string } & (
  | { kind: 'commands'; commands: CommandRequest[] }
  | { kind: 'submissions'; forms: SubmissionRequest[] }
);

/** A request with the id its reply carries. */
export type LoadJob = LoadRequest & { id: number };

/** The load process's reply to the job with the same id. */
export type LoadReply =
  | { id: number; kind: 'commands'; shots: CommandShot[] }
  | { id: number; kind: 'submissions'; shots: SubmissionShot[] }
  | { id: number; kind: 'failed'; error: string };

/** Sent once by the load process when it is ready for jobs. */
export const LOAD_READY = 'load_ready';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Checks the fields the receiver branches on. Both ends are this benchmark's own code on one machine, so the
 * items inside a batch are trusted as sent.
 */
export function isLoadJob(message: unknown): message is LoadJob {
  return (
    isRecord(message) &&
    typeof message.id === 'number' &&
    typeof message.eventsUrl === 'string' &&
    typeof message.signingSecret === 'string' &&
    ((message.kind === 'commands' && Array.isArray(message.commands)) ||
      (message.kind === 'submissions' && Array.isArray(message.forms)))
  );
}

export function isLoadReply(message: unknown): message is LoadReply {
  return (
    isRecord(message) &&
    typeof message.id === 'number' &&
    (((message.kind === 'commands' || message.kind === 'submissions') && Array.isArray(message.shots)) ||
      (message.kind === 'failed' && typeof message.error === 'string'))
  );
}
