import type { SlackEmulator } from '../emulator';
import { SIGNING_SECRET, type TestApp } from './app-harness';
import { type DeliveryResult, postViewSubmission, resetSubmissionValues } from './slack-requests';

export interface ResetInput {
  viewId: string;
  users: string[];
  hash?: string;
  userId?: string;
  reason?: string;
}

/** Submits the reset form of view `viewId` for `users`, all sessions, as `userId` (W0ADMIN by default). */
export function submitReset(app: TestApp, input: ResetInput): Promise<DeliveryResult> {
  return postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
    viewId: input.viewId,
    ...(input.hash !== undefined ? { hash: input.hash } : {}),
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
    values: resetSubmissionValues({ users: input.users, scope: 'all', reason: input.reason ?? 'fault test' }),
  });
}

/** The `audit` log event of a finished run, as the app logged it when it closed the record. */
export type AuditEvent = Record<string, unknown> & {
  outcomes?: { user_id: string; ok: boolean; error: string | null }[];
};

/** Waits until the run started from `viewId` has logged its closed audit record, and returns it. */
export async function waitForClosedRecord(
  app: TestApp,
  emulator: SlackEmulator,
  viewId: string,
  timeoutMs = 20_000,
): Promise<AuditEvent> {
  const find = (): AuditEvent | undefined => {
    const started = app.logger.events('reset_started').find((event) => event.view_id === viewId);
    return app.logger
      .events('audit')
      .find((event) => started !== undefined && event.correlation_id === started.correlation_id);
  };
  await emulator.waitFor(() => find() !== undefined, timeoutMs);
  const record = find();
  if (record === undefined) {
    throw new Error(`No closed audit record for view ${viewId}.`);
  }
  return record;
}

/** Text of the direct message the app sent `userId` last, blocks included, for matching outcome lines. */
export function lastDirectMessageTo(emulator: SlackEmulator, userId: string): string | undefined {
  const messages = emulator.callsTo('chat.postMessage').filter((call) => call.args.channel === userId);
  const last = messages.at(-1);
  return last === undefined ? undefined : JSON.stringify(last.args);
}
