import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, Logger, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  HELP_TEXT,
  ignoredEntryNotes,
  OPEN_MODAL_FAILED_TEXT,
  refusalText,
  tooManyTargetsText,
} from '../../messages/replies';
import type { AppServices } from '../../services';
import { slackErrorCode } from '../../slack/error-code';
import { type ParsedTargets, parseTargets } from '../../targets/parse-command-text';
import { escapeMrkdwn } from '../../views/mrkdwn';
import { buildResetModal, MAX_TARGETS_PER_MODAL, type ResetModalMetadata } from '../../views/reset-modal';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/reset-sessions [people]`: checks the requester, then opens the confirmation modal prefilled with the people named. */
export function resetSessionsCommand(services: AppServices) {
  return async ({ command, ack, respond, client, logger }: CommandArgs): Promise<void> => {
    await ack();

    const text = command.text.trim();
    if (text.toLowerCase() === 'help') {
      await respond({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }

    const targets = parseTargets(text);
    const decision = await services.access.check(command.user_id);
    if (!decision.allowed) {
      logger.warn(
        JSON.stringify({ event: 'command_refused', user_id: command.user_id, reason: decision.reason }),
      );
      await respond({ response_type: 'ephemeral', text: refusalText(decision.reason, command.user_id) });
      await services.audit.refuse({
        id: randomUUID(),
        action: 'reset',
        status: 'refused',
        requesterId: command.user_id,
        teamId: command.team_id,
        enterpriseId: command.enterprise_id ?? null,
        targetUserIds: targets.userIds,
        scope: null,
        reason: '',
        source: 'slash_command',
        detail: decision.reason,
        createdAt: new Date(),
      });
      return;
    }

    const named = targets.userIds.length + targets.emails.length;
    if (named > MAX_TARGETS_PER_MODAL) {
      await respond({ response_type: 'ephemeral', text: tooManyTargetsText(named, MAX_TARGETS_PER_MODAL) });
      return;
    }

    const metadata: ResetModalMetadata = { channel_id: command.channel_id };
    const viewId = await openModal(client, command.trigger_id, targets, metadata, logger);
    if (viewId === undefined) {
      await respond({ response_type: 'ephemeral', text: OPEN_MODAL_FAILED_TEXT });
      return;
    }

    if (targets.emails.length > 0) {
      await fillInEmails(services, client, viewId, targets, metadata, logger);
    }
  };
}

/** Opens the modal before any email look-up, because the trigger_id expires about 3 seconds after the command. */
async function openModal(
  client: WebClient,
  triggerId: string,
  targets: ParsedTargets,
  metadata: ResetModalMetadata,
  logger: Logger,
): Promise<string | undefined> {
  const pending =
    targets.emails.length > 0
      ? [`:hourglass_flowing_sand: Looking up ${targets.emails.length} email address(es)…`]
      : [];
  const view = buildResetModal({
    userIds: targets.userIds,
    notes: [...pending, ...ignoredEntryNotes(targets.ignored, targets.duplicateCount)],
    metadata,
  });

  try {
    const result = await client.views.open({ trigger_id: triggerId, view });
    return result.view?.id;
  } catch (error) {
    logger.error(JSON.stringify({ event: 'views_open_failed', error: slackErrorCode(error) }));
    return undefined;
  }
}

async function fillInEmails(
  services: AppServices,
  client: WebClient,
  viewId: string,
  targets: ParsedTargets,
  metadata: ResetModalMetadata,
  logger: Logger,
): Promise<void> {
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

  const view = buildResetModal({ userIds: [...userIds].slice(0, MAX_TARGETS_PER_MODAL), notes, metadata });
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    // The admin may already have submitted or closed the modal; the form they saw is still valid.
    logger.warn(
      JSON.stringify({ event: 'views_update_failed', view_id: viewId, error: slackErrorCode(error) }),
    );
  }
}
