import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { OPEN_SESSIONS_FAILED_TEXT, SESSIONS_USAGE_TEXT } from '../../messages/replies';
import type { AppServices } from '../../services';
import type { ParsedTargets } from '../../targets/parse-command-text';
import { escapeMrkdwn } from '../../views/mrkdwn';
import { buildSessionsLoadingModal, buildSessionsStatusModal } from '../../views/sessions';
import type { Requester } from '../requester';
import { updateView } from '../update-view';
import { placeView, refreshSessionsView, showSessions } from './show-sessions';

export interface StartSessionsInput {
  client: WebClient;
  logger: Logger;
  requester: Requester;
  triggerId: string;
  targets: ParsedTargets;
  /** Sends an ephemeral reply to the requester. */
  reply: (text: string) => Promise<void>;
}

/** `/reset-sessions sessions @person`: opens the sessions view of exactly one person. */
export async function startSessionsFromCommand(
  services: AppServices,
  input: StartSessionsInput,
): Promise<void> {
  const { targets } = input;
  if (targets.userIds.length + targets.emails.length !== 1) {
    await input.reply(SESSIONS_USAGE_TEXT);
    return;
  }

  const base = { ...input, source: 'slash_command' as const, reason: '' };
  const [userId] = targets.userIds;
  if (userId !== undefined) {
    const viewId = await showSessions(services, {
      ...base,
      userId,
      placement: { kind: 'open', triggerId: input.triggerId },
    });
    if (viewId === undefined) {
      await input.reply(OPEN_SESSIONS_FAILED_TEXT);
    }
    return;
  }

  const [email = ''] = targets.emails;
  // Opened before the email look-up, because the trigger_id expires about 3 seconds after the command.
  const placement = { kind: 'open', triggerId: input.triggerId } as const;
  const viewId = await placeView(input.client, input.logger, placement, buildSessionsLoadingModal());
  if (viewId === undefined) {
    await input.reply(OPEN_SESSIONS_FAILED_TEXT);
    return;
  }

  const [lookup] = await services.emails.resolve([email]);
  if (lookup?.userId === undefined) {
    const problem =
      lookup?.error === undefined || lookup.error === 'users_not_found'
        ? 'No one in Slack has this address'
        : `The look-up failed (\`${lookup.error}\`)`;
    await updateView(
      input.client,
      input.logger,
      viewId,
      buildSessionsStatusModal(
        `${problem}: \`${escapeMrkdwn(email)}\`. Run the command again with a mention or user ID.`,
      ),
    );
    return;
  }
  await refreshSessionsView(services, { ...base, userId: lookup.userId, viewId });
}
