import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { retry } from '../retry';
import { slackErrorCode } from '../slack/error-code';
import { auditRecordBlocks, auditRecordText } from '../views/audit-post';
import type { AuditRecord } from './audit-store';

/**
 * Posts audit records to the security channel named by AUDIT_CHANNEL_ID. A post that still fails after
 * retries is logged and dropped: the database record stays the source of truth.
 */
export class SecurityChannel {
  constructor(
    private readonly client: WebClient,
    private readonly channelId: string | undefined,
    private readonly logger: Logger,
    private readonly retryDelayMs = 1_000,
  ) {}

  async post(record: AuditRecord): Promise<void> {
    if (this.channelId === undefined) {
      return;
    }
    const channel = this.channelId;

    try {
      await retry(
        () =>
          this.client.chat.postMessage({
            channel,
            text: auditRecordText(record),
            blocks: auditRecordBlocks(record),
          }),
        3,
        this.retryDelayMs,
      );
    } catch (error) {
      const code = slackErrorCode(error);
      const hint = channelErrorHint(code, channel);
      this.logger.error(
        JSON.stringify({
          event: 'audit_channel_post_failed',
          channel_id: channel,
          correlation_id: record.id,
          error: code,
          ...(hint === undefined ? {} : { message: hint }),
        }),
      );
    }
  }
}

/**
 * Tells the admin how to fix a channel the bot cannot post to. The manifest grants chat:write but not
 * chat:write.public, so the bot posts only to channels it has been invited to, and Slack hides a private
 * channel from it (channel_not_found) until then.
 */
function channelErrorHint(code: string, channelId: string): string | undefined {
  const invite = 'Invite the app to that channel (in the channel, type /invite @reset-sessions).';
  if (code === 'not_in_channel') {
    return `The app is not a member of AUDIT_CHANNEL_ID ${channelId}, so audit records are not posted there. ${invite}`;
  }
  if (code === 'channel_not_found') {
    return (
      `Slack shows the app no channel with the ID in AUDIT_CHANNEL_ID (${channelId}). Check the ID in the ` +
      `channel details; a private channel stays hidden from the app until it is invited. ${invite}`
    );
  }
  return undefined;
}
