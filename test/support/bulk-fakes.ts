import { AdminPacing } from '../../src/bulk/pacer';
import type { SessionScope } from '../../src/slack/scope';
import type { BulkResetAnswer, ResetOutcome, SessionAdmin } from '../../src/slack/session-admin';
import { MemoryLogger } from './test-logger';

/**
 * Stands in for `SessionAdmin` in runner tests. Ids in `badIds` fail; `nameFailures` decides whether a
 * partly failed resetBulk call lists them, as the emulator does, or only returns the error code.
 */
export class FakeSessionAdmin implements Pick<SessionAdmin, 'resetSessions' | 'resetBulk'> {
  readonly bulkCalls: string[][] = [];
  readonly singleCalls: string[] = [];
  /** Error codes returned by the next resetBulk calls, one per call, before any other check. */
  readonly scriptedErrors: string[] = [];

  constructor(
    private readonly badIds: ReadonlySet<string> = new Set(),
    private readonly nameFailures = true,
  ) {}

  async resetSessions(userIds: readonly string[], _scope: SessionScope): Promise<ResetOutcome[]> {
    this.singleCalls.push(...userIds);
    return userIds.map((userId) =>
      this.badIds.has(userId) ? { userId, ok: false, error: 'user_not_found' } : { userId, ok: true },
    );
  }

  async resetBulk(userIds: readonly string[], _scope: SessionScope): Promise<BulkResetAnswer> {
    this.bulkCalls.push([...userIds]);
    const scripted = this.scriptedErrors.shift();
    if (scripted !== undefined) {
      return { ok: false, error: scripted };
    }

    const failed = userIds.filter((userId) => this.badIds.has(userId));
    if (failed.length === 0) {
      return { ok: true };
    }
    if (failed.length === userIds.length) {
      return { ok: false, error: 'user_not_found' };
    }
    return this.nameFailures
      ? { ok: false, error: 'failed_for_some_users', failedUserIds: failed }
      : { ok: false, error: 'failed_for_some_users' };
  }
}

/** Pacing loose enough that runner tests never wait on it. */
export function unlimitedPacing(): AdminPacing {
  return new AdminPacing({ limit: 1_000_000, windowMs: 1 });
}

export function userIdList(count: number, prefix = 'W0T'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(6, '0')}`);
}

export function quietLogger(): MemoryLogger {
  return new MemoryLogger();
}
