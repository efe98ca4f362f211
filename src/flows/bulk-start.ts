import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_LIST_ENTRIES } from '../config';
import { tooManyEntriesText } from '../messages/bulk';
import { ignoredEntryNotes, OPEN_MODAL_FAILED_TEXT } from '../messages/replies';
import type { AppServices } from '../services';
import { slackErrorCode } from '../slack/error-code';
import type { ParsedTargets } from '../targets/parse-command-text';
import { buildResetModal, MAX_TARGETS_PER_MODAL, type ResetModalMetadata } from '../views/reset-modal';

export interface BulkStartInput {
  client: WebClient;
  logger: Logger;
  triggerId: string;
  channelId: string;
  targets: ParsedTargets;
  reply: (text: string) => Promise<void>;
}

/** Tells whether the command names user groups or more people than the form's picker takes. */
export function needsBulkForm(targets: ParsedTargets): boolean {
  return (
    targets.usergroupIds.length > 0 || targets.userIds.length + targets.emails.length > MAX_TARGETS_PER_MODAL
  );
}

/**
 * Opens the form for a command that names user groups or many people. The entries stay on the server under
 * a key in `private_metadata`, and are looked up when the form is submitted, so the trigger_id is used at once.
 */
export async function startBulkReset(services: AppServices, input: BulkStartInput): Promise<void> {
  const { targets } = input;
  const entries = targets.userIds.length + targets.emails.length + targets.usergroupIds.length;
  if (entries > MAX_LIST_ENTRIES) {
    await input.reply(tooManyEntriesText(entries));
    return;
  }

  const metadata: ResetModalMetadata = {
    channel_id: input.channelId,
    draft_id: services.bulk.drafts.put({ targets }),
  };
  const view = buildResetModal({
    userIds: [],
    notes: [draftNote(targets), ...ignoredEntryNotes(targets.ignored, targets.duplicateCount)],
    metadata,
    dryRunForced: services.bulk.settings.dryRun,
  });

  try {
    await input.client.views.open({ trigger_id: input.triggerId, view });
  } catch (error) {
    input.logger.error(JSON.stringify({ event: 'views_open_failed', error: slackErrorCode(error) }));
    await input.reply(OPEN_MODAL_FAILED_TEXT);
  }
}

function draftNote(targets: ParsedTargets): string {
  const parts = [
    counted(targets.userIds.length, 'user ID', 'user IDs'),
    counted(targets.emails.length, 'email address', 'email addresses'),
    counted(targets.usergroupIds.length, 'user group', 'user groups'),
  ].filter((part) => part !== '');
  return (
    `:clipboard: *From your command:* ${parts.join(', ')}. They are looked up when you press the button ` +
    'below, and you see who was found before anyone is signed out. People chosen or pasted here are added.'
  );
}

function counted(count: number, one: string, many: string): string {
  if (count === 0) {
    return '';
  }
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
