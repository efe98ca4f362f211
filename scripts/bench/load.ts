import type { RecordedCall, SlackEmulator } from '../../test/emulator';
import {
  type DeliveryResult,
  postSlashCommand,
  postViewSubmission,
  resetSubmissionValues,
} from '../../test/support/slack-requests';

/** One requester and the person their command and form name. */
export interface Pair {
  requesterId: string;
  targetId: string;
}

/** A request the benchmark sent: when, how long until its HTTP response, and the response. */
export interface Shot {
  pair: Pair;
  /** `Date.now()` when the request was sent, comparable with the emulator's call times. */
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

async function timed<T extends Shot>(
  shot: Omit<T, 'ackMs' | 'result' | 'sentAt'>,
  send: () => Promise<DeliveryResult>,
) {
  const sentAt = Date.now();
  const started = performance.now();
  let result: DeliveryResult | { error: string };
  try {
    result = await send();
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  return { ...shot, sentAt, ackMs: performance.now() - started, result };
}

/** Sends one `/reset-sessions @target` per pair, all at once, each with a fresh trigger_id. */
export function fireCommands(
  eventsUrl: string,
  signingSecret: string,
  emulator: SlackEmulator,
  pairs: readonly Pair[],
): Promise<CommandShot[]> {
  return Promise.all(
    pairs.map((pair) => {
      const triggerId = emulator.issueTriggerId();
      return timed<CommandShot>({ pair, triggerId }, () =>
        postSlashCommand(eventsUrl, signingSecret, {
          text: `<@${pair.targetId}>`,
          user_id: pair.requesterId,
          trigger_id: triggerId,
          response_url: emulator.createResponseUrl(),
        }),
      );
    }),
  );
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

/** Submits each opened form, all at once: the pair's target, all sessions, a reason. */
export function fireSubmissions(
  eventsUrl: string,
  signingSecret: string,
  forms: readonly { pair: Pair; viewId: string; hash: string }[],
): Promise<SubmissionShot[]> {
  return Promise.all(
    forms.map((form) =>
      timed<SubmissionShot>({ pair: form.pair, viewId: form.viewId }, () =>
        postViewSubmission(eventsUrl, signingSecret, {
          viewId: form.viewId,
          hash: form.hash,
          userId: form.pair.requesterId,
          privateMetadata: JSON.stringify({ channel_id: 'C0GENERAL' }),
          values: resetSubmissionValues({ users: [form.pair.targetId], scope: 'all', reason: 'benchmark' }),
        }),
      ),
    ),
  );
}

export function httpStatus(shot: Shot): number | undefined {
  return 'status' in shot.result ? shot.result.status : undefined;
}
