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
      this.logger.error(
        JSON.stringify({
          event: 'audit_channel_post_failed',
          channel_id: channel,
          correlation_id: record.id,
          error: slackErrorCode(error),
        }),
      );
    }
  }
}
