import type { EmulatorView, SlackEmulator } from '../emulator';
import { SIGNING_SECRET } from './app-harness';
import { type FlowTarget, openResetModal } from './reset-flow';
import {
  type DeliveryResult,
  postViewSubmission,
  resetSubmissionValues,
  type StateValues,
} from './slack-requests';

export interface BulkForm {
  /** People chosen in the picker. */
  users?: string[];
  /** Text of the "Or paste people and user groups" box. */
  list?: string;
  scope?: string;
  reason?: string;
  dryRun?: boolean;
}

/** `state.values` of the reset modal with the pasted list and the "Dry run" box. */
export function bulkSubmissionValues(form: BulkForm): StateValues {
  const values = resetSubmissionValues({
    users: form.users ?? [],
    scope: form.scope ?? 'all',
    reason: form.reason ?? 'incident SEC-42',
  });
  values.target_list = { entries: { type: 'plain_text_input', value: form.list ?? null } };
  values.options = {
    options: {
      type: 'checkboxes',
      selected_options: form.dryRun
        ? [{ text: { type: 'plain_text', text: 'Dry run' }, value: 'dry_run' }]
        : [],
    },
  };
  return values;
}

let deliveries = 0;

/** Submits a modal the emulator holds, echoing its id and private_metadata as Slack does. */
export function submitView(
  { app }: FlowTarget,
  view: EmulatorView,
  values: StateValues,
  callbackId?: string,
): Promise<DeliveryResult> {
  deliveries += 1;
  return postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
    values,
    viewId: view.id,
    hash: `${deliveries}.bulk`,
    privateMetadata: view.private_metadata ?? '',
    ...(callbackId !== undefined ? { callbackId } : {}),
  });
}

/** Waits until the modal `viewId` shows a view with `callbackId` or `title`, and returns it. */
export async function waitForView(
  emulator: SlackEmulator,
  viewId: string,
  matches: (view: EmulatorView) => boolean,
  timeoutMs = 10_000,
): Promise<EmulatorView> {
  await emulator.waitFor(() => {
    const view = emulator.views.get(viewId);
    return view !== undefined && matches(view);
  }, timeoutMs);
  const view = emulator.views.get(viewId);
  if (view === undefined) {
    throw new Error(`The emulator holds no view ${viewId}.`);
  }
  return view;
}

/**
 * Runs the command, submits the form, and returns the confirmation the app shows after looking everyone
 * up (or whatever view replaced the form, such as a refusal).
 */
export async function formToConfirmation(
  target: FlowTarget,
  commandText: string,
  form: BulkForm,
): Promise<EmulatorView> {
  const { emulator } = target;
  const viewId = await openResetModal(target, commandText);
  const opened = emulator.views.get(viewId);
  if (opened === undefined) {
    throw new Error(`views.open stored no view ${viewId}.`);
  }
  const response = await submitView(target, opened, bulkSubmissionValues(form));
  if (response.status !== 200) {
    throw new Error(`The form submission got HTTP ${response.status}: ${response.body}`);
  }
  return waitForView(
    emulator,
    viewId,
    (view) => view.title.text !== 'Reset sessions' && view.title.text !== 'Checking the list',
  );
}

/** Presses the confirmation's submit button. */
export function confirmView(target: FlowTarget, view: EmulatorView): Promise<DeliveryResult> {
  return submitView(target, view, {}, 'bulk_reset_confirm');
}
