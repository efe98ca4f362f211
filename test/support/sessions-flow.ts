import type { Block, KnownBlock, SectionBlock } from '@slack/types';
import type { EmulatorView, SlackEmulator } from '../emulator';
import { SIGNING_SECRET } from './app-harness';
import { collectText, type FlowTarget, responseViewId, sendCommand } from './reset-flow';
import { type DeliveryResult, postBlockActions, type StateValues } from './slack-requests';

/** One row of the sessions view: the session id from its block_id, its text, and its sign-out button. */
export interface SessionRow {
  sessionId: number;
  text: string;
  buttonValue: string;
}

function isSection(block: KnownBlock | Block): block is SectionBlock {
  return block.type === 'section';
}

/** The rows of a sessions view, top first. */
export function sessionRows(view: EmulatorView): SessionRow[] {
  const rows: SessionRow[] = [];
  for (const block of view.blocks) {
    if (!isSection(block) || block.accessory?.type !== 'button') {
      continue;
    }
    if (block.accessory.action_id !== 'invalidate_session' || block.accessory.value === undefined) {
      continue;
    }
    rows.push({
      sessionId: Number(block.block_id?.replace('session_', '')),
      text: block.text?.text ?? '',
      buttonValue: block.accessory.value,
    });
  }
  return rows;
}

/** `state.values` of the sessions view with `reason` typed in its reason input. */
export function sessionReasonValues(reason: string | null): StateValues {
  return { session_reason: { reason: { type: 'plain_text_input', value: reason } } };
}

/** Returns the stored view, failing the test when the emulator does not hold it. */
export function storedView(emulator: SlackEmulator, viewId: string): EmulatorView {
  const view = emulator.views.get(viewId);
  if (view === undefined) {
    throw new Error(`The emulator holds no view ${viewId}.`);
  }
  return view;
}

/** Waits until view `viewId` contains `text` anywhere, and returns it. */
export async function waitForViewText(
  emulator: SlackEmulator,
  viewId: string,
  text: string,
): Promise<EmulatorView> {
  await emulator.waitFor(() => collectText(emulator.views.get(viewId) ?? {}).includes(text));
  return storedView(emulator, viewId);
}

/**
 * Sends `/reset-sessions sessions <text>`, waits until the opened view has been updated once (the list
 * or a refusal), and returns its id.
 */
export async function openSessionsView(target: FlowTarget, text: string): Promise<string> {
  const { emulator } = target;
  const opened = emulator.callsTo('views.open').length;
  const updated = emulator.callsTo('views.update').length;
  await sendCommand(target, `sessions ${text}`);

  await emulator.waitFor(() => emulator.callsTo('views.open').length > opened);
  const viewId = responseViewId(emulator.callsTo('views.open')[opened]);
  if (viewId === undefined) {
    throw new Error('views.open returned no view id.');
  }
  await emulator.waitFor(() =>
    emulator
      .callsTo('views.update')
      .slice(updated)
      .some((call) => call.args.view_id === viewId),
  );
  return viewId;
}

export interface SignOutClick {
  viewId: string;
  row: SessionRow;
  /** The reason typed in the view; null when the input is empty. */
  reason: string | null;
  /** The admin who clicks, `W0ADMIN` by default. */
  userId?: string;
}

/** Presses "Sign out this session" on `row` and confirms, as Slack sends the `block_actions` payload. */
export function clickSignOut({ app, emulator }: FlowTarget, click: SignOutClick): Promise<DeliveryResult> {
  return postBlockActions(app.eventsUrl, SIGNING_SECRET, {
    actions: [
      {
        action_id: 'invalidate_session',
        block_id: `session_${click.row.sessionId}`,
        value: click.row.buttonValue,
      },
    ],
    view: storedView(emulator, click.viewId),
    values: sessionReasonValues(click.reason),
    triggerId: emulator.issueTriggerId(),
    ...(click.userId !== undefined ? { userId: click.userId } : {}),
  });
}
