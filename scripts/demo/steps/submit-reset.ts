import path from 'node:path';
import type { ModalView } from '@slack/types';
import type { AuditRecord } from '../../../src/audit/audit-store';
import { ADMIN_ID, ALICE_ID, BOB_ID, GENERAL_CHANNEL_ID, type RecordedCall } from '../../../test/emulator';
import { isRecord, readBoolean } from '../../../test/emulator/args';
import { postViewSubmission, resetSubmissionValues } from '../../../test/support/slack-requests';
import { readAuditFile } from '../audit-file';
import { DEMO_SIGNING_SECRET } from '../environment';
import {
  callsSince,
  DemoCheckError,
  describeTokenType,
  failureOf,
  readMessage,
  readModal,
  succeeded,
} from '../recordings';
import { renderBlocks, renderModal } from '../render-blocks';
import {
  personLabel,
  renderOptions,
  requireAccepted,
  requireSucceeded,
  type StepContext,
  waitFor,
} from '../step-context';

export const RESET_USER_IDS = [ALICE_ID, BOB_ID];
const RESET_REASON = 'Laptop stolen at the airport, ticket SEC-4127';

/**
 * Submits the modal stored in the emulator, as Slack would send it, then shows every call the app made
 * and the audit record it wrote. Returns the record's correlation id.
 */
export async function submitReset(context: StepContext, viewId: string): Promise<string> {
  const { emulator } = context.env;
  const sessionsBefore = new Map(RESET_USER_IDS.map((id) => [id, emulator.sessionsOf(id).length]));
  const people = RESET_USER_IDS.map((id) => personLabel(context, id)).join(' and ');
  context.report.step(
    `${personLabel(context, ADMIN_ID)} submits the modal: ${people}, all sessions, "${RESET_REASON}"`,
  );
  const since = emulator.calls.length;

  await sendSubmission(context, viewId);

  const delivery = outcomeDelivery(context, since);
  await waitFor(
    context,
    () => delivery.updates().length > 0 && delivery.messages().length > 0 && delivery.posts().length > 0,
    'the outcome modal, the direct message and the security channel post',
  );
  showResetCalls(context, callsSince(emulator, since, 'admin.users.session.reset'), sessionsBefore);
  showOutcome(context, delivery);

  const correlationId = readCorrelationId(context);
  const record = await readAuditFile(context.env.auditDbPath, (store) => store.getRequest(correlationId));
  if (record === undefined) {
    throw new DemoCheckError(`The audit file has no record ${correlationId}.`);
  }
  showAuditRecord(context, record);
  requireAllSignedOut(record);
  return correlationId;
}

async function sendSubmission(context: StepContext, viewId: string): Promise<void> {
  const { env, report } = context;
  const view = env.emulator.views.get(viewId);
  if (view === undefined) {
    throw new DemoCheckError(`The emulator has no view ${viewId} to submit.`);
  }

  const response = await postViewSubmission(env.eventsUrl, DEMO_SIGNING_SECRET, {
    view,
    values: resetSubmissionValues({ users: RESET_USER_IDS, scope: 'all', reason: RESET_REASON }),
  });
  requireAccepted(response, 'The view_submission');
  report.line('The app answered the view_submission with response_action "update", showing:');
  report.lines(renderModal(readUpdateAck(response.body), renderOptions(context)), 2);
}

function readUpdateAck(body: string): ModalView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DemoCheckError(`The view_submission response is not JSON: ${body}`);
  }
  if (!isRecord(parsed) || parsed.response_action !== 'update') {
    throw new DemoCheckError(`The view_submission response is not a response_action "update": ${body}`);
  }
  return readModal(parsed.view, 'The view_submission response');
}

/** The three ways the app reports a finished reset, read from the calls recorded since the submission. */
interface OutcomeDelivery {
  updates: () => RecordedCall[];
  messages: () => RecordedCall[];
  posts: () => RecordedCall[];
}

function outcomeDelivery(context: StepContext, since: number): OutcomeDelivery {
  const { emulator } = context.env;
  const postsTo = (channel: string) => () =>
    callsSince(emulator, since, 'chat.postMessage').filter((call) => call.args.channel === channel);
  return {
    updates: () => callsSince(emulator, since, 'views.update'),
    messages: postsTo(ADMIN_ID),
    posts: postsTo(GENERAL_CHANNEL_ID),
  };
}

function showResetCalls(
  context: StepContext,
  resets: readonly RecordedCall[],
  sessionsBefore: ReadonlyMap<string, number>,
): void {
  const { env, report } = context;
  report.line(`The emulator received ${resets.length} admin.users.session.reset calls:`);
  for (const call of resets) {
    const userId = typeof call.args.user_id === 'string' ? call.args.user_id : '(no user_id)';
    const token = describeTokenType(call.tokenType);
    const result = succeeded(call) ? 'ok' : `failed: ${failureOf(call)}`;
    report.line(`user_id ${personLabel(context, userId)}, ${token}, ${sessionFlags(call)}: ${result}`, 2);
  }

  const counts = [...sessionsBefore].map(([userId, before]) => {
    const after = env.emulator.sessionsOf(userId).length;
    return `${personLabel(context, userId)} ${before} → ${after}`;
  });
  report.line(`Sessions in the emulator: ${counts.join(', ')}`);
}

function sessionFlags(call: RecordedCall): string {
  if (readBoolean(call.args, 'mobile_only') === true) return 'mobile_only=true';
  if (readBoolean(call.args, 'web_only') === true) return 'web_only=true';
  return 'no mobile_only or web_only flag, so all sessions';
}

function showOutcome(context: StepContext, delivery: OutcomeDelivery): void {
  const { report } = context;

  const update = requireSucceeded(delivery.updates()[0], 'views.update');
  report.line(`views.update (${describeTokenType(update.tokenType)}) replaced the working view with:`);
  report.lines(renderModal(readModal(update.args.view, 'views.update'), renderOptions(context)), 2);

  const message = requireSucceeded(delivery.messages()[0], 'chat.postMessage');
  const summary = readMessage(message.args, 'The direct message');
  report.line(`Direct message to ${personLabel(context, ADMIN_ID)}: ${summary.text}`);

  const post = requireSucceeded(delivery.posts()[0], 'chat.postMessage');
  const notice = readMessage(post.args, 'The security channel post');
  report.line('Security channel post in #general:');
  report.lines(renderBlocks(notice.blocks, renderOptions(context)), 2);
}

/** Takes the id from the app's `reset_started` log line, which is where an operator would find it. */
function readCorrelationId({ env }: StepContext): string {
  const started = env.logger.events('reset_started').at(-1);
  const correlationId = started?.correlation_id;
  if (typeof correlationId !== 'string') {
    throw new DemoCheckError('The app logged no reset_started event with a correlation_id.');
  }
  return correlationId;
}

function showAuditRecord(context: StepContext, record: AuditRecord): void {
  const { env, report } = context;
  const requester = personLabel(context, record.requesterId);
  const people = record.targetUserIds.map((id) => personLabel(context, id));
  const outcomes = record.outcomes.map((outcome) => {
    const result = outcome.ok ? 'ok' : `failed (${outcome.error ?? 'no code'})`;
    return `${personLabel(context, outcome.userId)} ${result}`;
  });

  report.line(`Audit record read back from ${path.basename(env.auditDbPath)}:`);
  report.lines(
    [
      `Correlation ID: ${record.id}`,
      `Status: ${record.status}, from the ${record.source}, requested by ${requester}`,
      `Scope: ${record.scope ?? '(none)'}, reason: ${record.reason}`,
      `People: ${people.join(', ')}`,
      `Outcomes: ${outcomes.join(', ')}`,
    ],
    2,
  );
}

function requireAllSignedOut(record: AuditRecord): void {
  const signedOut = record.outcomes.filter((outcome) => outcome.ok).length;
  if (record.status !== 'completed' || signedOut !== RESET_USER_IDS.length) {
    throw new DemoCheckError(
      `Expected a completed record with ${RESET_USER_IDS.length} people signed out, ` +
        `but it is ${record.status} with ${signedOut}.`,
    );
  }
}
