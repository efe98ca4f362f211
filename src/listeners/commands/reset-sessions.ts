import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { startSessionsFromCommand } from '../../flows/sessions/start-sessions';
import { historyPageBlocks, historySubject } from '../../flows/show-history';
import { startReset } from '../../flows/start-reset';
import { yieldToPendingRequests } from '../../lifecycle/yield-to-requests';
import { HELP_TEXT, refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { parseCommand } from '../../targets/parse-command';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/reset-sessions [people] | history [person] | sessions person | help`: acks, checks the requester, then
 * routes.
 */
export function resetSessionsCommand(services: AppServices) {
  return async ({ command, ack, respond, client, logger }: CommandArgs): Promise<void> => {
    await ack();
    // Under a burst, the commands still arriving are acknowledged before this one opens its modal.
    await yieldToPendingRequests();

    const reply = async (text: string): Promise<void> => {
      await respond({ response_type: 'ephemeral', text });
    };
    const parsed = parseCommand(command.text);
    if (parsed.kind === 'help') {
      await reply(HELP_TEXT);
      return;
    }

    const decision = await services.access.check(command.user_id);
    if (!decision.allowed) {
      logger.warn(
        JSON.stringify({ event: 'command_refused', user_id: command.user_id, reason: decision.reason }),
      );
      // Recorded before the reply, so a response_url that fails cannot lose the refusal.
      await services.audit.refuse({
        id: randomUUID(),
        action: 'reset',
        status: 'refused',
        requesterId: command.user_id,
        teamId: command.team_id,
        enterpriseId: command.enterprise_id ?? null,
        targetUserIds: parsed.targets.userIds,
        scope: null,
        reason: '',
        source: 'slash_command',
        detail: parsed.kind === 'reset' ? decision.reason : `${decision.reason} (${parsed.kind})`,
        createdAt: new Date(),
      });
      await reply(refusalText(decision.reason, command.user_id));
      return;
    }

    if (parsed.kind === 'sessions') {
      await startSessionsFromCommand(services, {
        client,
        logger,
        requester: {
          requesterId: command.user_id,
          teamId: command.team_id,
          enterpriseId: command.enterprise_id ?? null,
        },
        triggerId: command.trigger_id,
        targets: parsed.targets,
        reply,
      });
      return;
    }

    if (parsed.kind === 'history') {
      const subject = await historySubject(services, parsed.targets);
      if ('problem' in subject) {
        await reply(subject.problem);
        return;
      }
      const blocks = await historyPageBlocks(services, { ...subject, offset: 0 });
      await respond({ response_type: 'ephemeral', text: 'Reset Sessions history', blocks });
      return;
    }

    await startReset(services, {
      client,
      logger,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      targets: parsed.targets,
      reply,
    });
  };
}
