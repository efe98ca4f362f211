import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { emailLookupNote, ignoredEntryNotes, OPEN_MODAL_FAILED_TEXT } from '../messages/replies';
import type { AppServices } from '../services';
import { slackErrorCode } from '../slack/error-code';
import type { ParsedTargets } from '../targets/parse-command-text';
import { escapeMrkdwn } from '../views/mrkdwn';
import { buildResetModal, type ResetModalMetadata } from '../views/reset-modal';
import { needsBulkForm, startBulkReset } from './bulk-start';

export interface StartResetInput {
  client: WebClient;
  logger: Logger;
  triggerId: string;
  channelId: string;
  targets: ParsedTargets;
  /** Sends an ephemeral reply to the requester. */
  reply: (text: string) => Promise<void>;
}

/** Opens the reset modal prefilled with the people named, then fills in people found by email. */
export async function startReset(services: AppServices, input: StartResetInput): Promise<void> {
  const { targets } = input;
  if (needsBulkForm(targets)) {
    await startBulkReset(services, input);
    return;
  }

  const metadata: ResetModalMetadata = { channel_id: input.channelId };
  const opened = await openModal(input, metadata, services.bulk.settings.dryRun);
  if (opened === undefined) {
    await input.reply(OPEN_MODAL_FAILED_TEXT);
    return;
  }

  if (targets.emails.length > 0) {
    await fillInEmails(services, input, opened, metadata);
  }
}

/** The id and hash Slack returned for the opened modal. */
interface OpenedView {
  id: string;
  hash: string | undefined;
}

/** Opens the modal before any email look-up, because the trigger_id expires about 3 seconds after the command. */
async function openModal(
  input: StartResetInput,
  metadata: ResetModalMetadata,
  dryRunForced: boolean,
): Promise<OpenedView | undefined> {
  const { targets } = input;
  const pending = targets.emails.length > 0 ? [emailLookupNote(targets.emails.length)] : [];
  const view = buildResetModal({
    userIds: targets.userIds,
    notes: [...pending, ...ignoredEntryNotes(targets.ignored, targets.duplicateCount)],
    metadata,
    dryRunForced,
  });

  try {
    const result = await input.client.views.open({ trigger_id: input.triggerId, view });
    const id = result.view?.id;
    return id === undefined ? undefined : { id, hash: result.view?.hash };
  } catch (error) {
    input.logger.error(JSON.stringify({ event: 'views_open_failed', error: slackErrorCode(error) }));
    return undefined;
  }
}

async function fillInEmails(
  services: AppServices,
  input: StartResetInput,
  opened: OpenedView,
  metadata: ResetModalMetadata,
): Promise<void> {
  const { targets } = input;
  const lookups = await services.emails.resolve(targets.emails);
  const userIds = new Set(targets.userIds);
  const notes = ignoredEntryNotes(targets.ignored, targets.duplicateCount);

  for (const lookup of lookups) {
    if (lookup.userId !== undefined) {
      userIds.add(lookup.userId);
    } else {
      const why =
        lookup.error === 'users_not_found'
          ? 'no one in Slack has this address'
          : `look-up failed (${lookup.error})`;
      notes.push(`:heavy_minus_sign: Skipped \`${escapeMrkdwn(lookup.email)}\`: ${why}.`);
    }
  }

  const view = buildResetModal({
    userIds: [...userIds],
    notes,
    metadata,
    dryRunForced: services.bulk.settings.dryRun,
  });
  try {
    // The hash makes Slack refuse the update (hash_conflict) once the form was submitted and replaced by
    // the progress or outcome view, so a slow look-up never puts the form back over the result.
    await input.client.views.update({ view_id: opened.id, hash: opened.hash, view });
  } catch (error) {
    // The admin may already have submitted or closed the modal; the form they saw is still valid.
    input.logger.warn(
      JSON.stringify({ event: 'views_update_failed', view_id: opened.id, error: slackErrorCode(error) }),
    );
  }
}
