import type { Logger } from '@slack/bolt';
import { toAuditEvent } from './audit-events';
import type { AuditOutcome, AuditRecord, AuditRefusal, AuditStore, NewAuditRequest } from './audit-store';
import type { SecurityChannel } from './security-channel';

/**
 * The one way listeners record what happened: the store first (committed before the caller goes on),
 * then a structured log line and a security channel post, which never block or undo the action.
 */
export class AuditTrail {
  private readonly pendingPosts = new Set<Promise<void>>();

  constructor(
    private readonly store: AuditStore,
    private readonly channel: SecurityChannel,
    private readonly logger: Logger,
  ) {}

  /** Commits the request record; callers make no admin call until this resolves. */
  async begin(request: NewAuditRequest): Promise<void> {
    await this.store.beginRequest(request);
  }

  async outcome(requestId: string, outcome: AuditOutcome): Promise<void> {
    await this.store.recordOutcome(requestId, outcome);
  }

  /** Closes the request, logs it and starts the channel post; returns the complete record. */
  async complete(requestId: string): Promise<AuditRecord | undefined> {
    await this.store.completeRequest(requestId, new Date());
    return this.publishStored(requestId);
  }

  async refuse(refusal: AuditRefusal): Promise<void> {
    await this.store.recordRefusal(refusal);
    await this.publishStored(refusal.id);
  }

  /**
   * Marks requests left open by a crashed process as interrupted, and reports each one. Requests of
   * processes still running, such as a CLI run on the same audit database, stay open.
   */
  async recoverInterrupted(): Promise<AuditRecord[]> {
    const { interrupted, ownedByOtherHost } = await this.store.interruptOpenRequests(new Date());
    for (const record of interrupted) {
      this.logger.warn(JSON.stringify({ event: 'request_interrupted', correlation_id: record.id }));
      this.publish(record);
    }
    for (const { id, host } of ownedByOtherHost) {
      this.logger.warn(
        JSON.stringify({
          event: 'request_left_open',
          correlation_id: id,
          owner_host: host,
          detail: 'owned by another host, whose processes cannot be checked from here',
        }),
      );
    }
    return interrupted;
  }

  /** Waits for channel posts still in flight; called before the process exits. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pendingPosts]);
  }

  /** Returns the stored record, for example to retry the people a finished request failed for. */
  find(requestId: string): Promise<AuditRecord | undefined> {
    return this.store.getRequest(requestId);
  }

  /** Returns the request a view_submission with this key started, which may be from before a restart. */
  findSubmission(submissionKey: string): Promise<AuditRecord | undefined> {
    return this.store.findBySubmissionKey(submissionKey);
  }

  history(...args: Parameters<AuditStore['listHistory']>): ReturnType<AuditStore['listHistory']> {
    return this.store.listHistory(...args);
  }

  private async publishStored(requestId: string): Promise<AuditRecord | undefined> {
    const record = await this.store.getRequest(requestId);
    if (record !== undefined) {
      this.publish(record);
    }
    return record;
  }

  private publish(record: AuditRecord): void {
    this.logger.info(JSON.stringify({ event: 'audit', ...toAuditEvent(record) }));

    // The post runs in the background so a slow channel never delays the requester's result.
    const post = this.channel.post(record).finally(() => this.pendingPosts.delete(post));
    this.pendingPosts.add(post);
  }
}
