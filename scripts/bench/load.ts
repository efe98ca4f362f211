import http from 'node:http';
import type { RecordedCall } from '../../test/emulator';
import {
  type DeliveryResult,
  resetSubmissionValues,
  signRequest,
  slashCommandBody,
  viewSubmissionBody,
} from '../../test/support/slack-requests';

const REQUEST_TIMEOUT_MS = 10_000;

/** One pool of keep-alive connections without a cap, so every request of a burst is in flight at once. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** One requester and the person their command and form name. */
export interface Pair {
  requesterId: string;
  targetId: string;
}

/** A command to send: the trigger_id and response_url come from the emulator, in the benchmark's process. */
export interface CommandRequest {
  pair: Pair;
  triggerId: string;
  responseUrl: string;
}

/** A form to submit: the view id and hash views.open returned for the pair's command. */
export interface SubmissionRequest {
  pair: Pair;
  viewId: string;
  hash: string;
}

/** A request the load generator sent: when, how long until its HTTP response, and the response. */
export interface Shot {
  pair: Pair;
  /** `Date.now()` when the request was sent, comparable with the emulator's call times in another process. */
  sentAt: number;
  ackMs: number;
  result: DeliveryResult | { error: string };
}

export interface CommandShot extends Shot {
  triggerId: string;
}

export interface SubmissionShot extends Shot {
  viewId: string;
}

/** Posts a signed form body and resolves with the status and response text once the response has ended. */
function postForm(url: string, body: string, headers: Record<string, string>): Promise<DeliveryResult> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      timeout: REQUEST_TIMEOUT_MS,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`No response within ${REQUEST_TIMEOUT_MS} ms.`)));
    request.on('error', reject);
    request.end(body);
  });
}

type Timing = Pick<Shot, 'sentAt' | 'ackMs' | 'result'>;

/**
 * Signs every body first, then sends them all in one loop, so the time each request waits in this process
 * before it is written stays small and the measured latency is the app's.
 */
function sendBurst(eventsUrl: string, signingSecret: string, bodies: readonly string[]): Promise<Timing[]> {
  const signed = bodies.map((body) => ({ body, headers: { ...signRequest(body, signingSecret) } }));
  return Promise.all(
    signed.map(async ({ body, headers }) => {
      const sentAt = Date.now();
      const started = performance.now();
      let result: DeliveryResult | { error: string };
      try {
        result = await postForm(eventsUrl, body, headers);
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
      }
      return { sentAt, ackMs: performance.now() - started, result };
    }),
  );
}

/** Sends one `/reset-sessions @target` per request, all at once. */
export async function sendCommands(
  eventsUrl: string,
  signingSecret: string,
  commands: readonly CommandRequest[],
): Promise<CommandShot[]> {
  const bodies = commands.map(({ pair, triggerId, responseUrl }) =>
    slashCommandBody({
      text: `<@${pair.targetId}>`,
      user_id: pair.requesterId,
      trigger_id: triggerId,
      response_url: responseUrl,
    }),
  );
  const timings = await sendBurst(eventsUrl, signingSecret, bodies);
  return timings.map((timing, index) => {
    const { pair, triggerId } = commands[index] ?? missing(index);
    return { pair, triggerId, ...timing };
  });
}

/** Submits each opened form, all at once: the pair's target, all sessions, a reason. */
export async function sendSubmissions(
  eventsUrl: string,
  signingSecret: string,
  forms: readonly SubmissionRequest[],
): Promise<SubmissionShot[]> {
  const bodies = forms.map((form) =>
    viewSubmissionBody({
      viewId: form.viewId,
      hash: form.hash,
      userId: form.pair.requesterId,
      privateMetadata: JSON.stringify({ channel_id: 'C0GENERAL' }),
      values: resetSubmissionValues({ users: [form.pair.targetId], scope: 'all', reason: 'benchmark' }),
    }),
  );
  const timings = await sendBurst(eventsUrl, signingSecret, bodies);
  return timings.map((timing, index) => {
    const { pair, viewId } = forms[index] ?? missing(index);
    return { pair, viewId, ...timing };
  });
}

function missing(index: number): never {
  throw new Error(`No request at index ${index}.`);
}

/** Returns the view id and hash views.open returned for `triggerId`, or undefined when it opened nothing. */
export function openedView(
  calls: readonly RecordedCall[],
  triggerId: string,
): { id: string; hash: string; at: number } | undefined {
  const call = calls.find((candidate) => candidate.args.trigger_id === triggerId);
  const response = call?.response;
  if (call === undefined || typeof response !== 'object' || response === null || !('view' in response)) {
    return undefined;
  }
  const view = response.view;
  if (typeof view !== 'object' || view === null || !('id' in view) || !('hash' in view)) {
    return undefined;
  }
  return { id: String(view.id), hash: String(view.hash), at: call.at };
}

export function httpStatus(shot: Shot): number | undefined {
  return 'status' in shot.result ? shot.result.status : undefined;
}
