import type { KnownBlock } from '@slack/types';
import type { AppServices } from '../services';
import type { ParsedTargets } from '../targets/parse-command-text';
import { buildHistoryBlocks, HISTORY_PAGE_SIZE, type HistoryPage } from '../views/history';

/** Loads one page of audit history, optionally only requests that touched one person. */
export async function historyPageBlocks(services: AppServices, page: HistoryPage): Promise<KnownBlock[]> {
  const { records, total } = await services.audit.history({
    ...(page.targetUserId !== undefined ? { targetUserId: page.targetUserId } : {}),
    limit: HISTORY_PAGE_SIZE,
    offset: page.offset,
  });
  return buildHistoryBlocks(records, total, page);
}

/** Works out whose history `/reset-sessions history [person]` asks for; a text answer means it cannot tell. */
export async function historySubject(
  services: AppServices,
  targets: ParsedTargets,
): Promise<{ targetUserId?: string } | { problem: string }> {
  const named = targets.userIds.length + targets.emails.length;
  if (named > 1 || targets.usergroupIds.length > 0) {
    return { problem: 'History shows one person at a time. Run `/reset-sessions history @person` for each.' };
  }
  if (targets.ignored.length > 0 && named === 0) {
    return { problem: 'Name the person as a mention, user ID or email: `/reset-sessions history @person`.' };
  }

  const [userId] = targets.userIds;
  if (userId !== undefined) {
    return { targetUserId: userId };
  }

  const [email] = targets.emails;
  if (email === undefined) {
    return {};
  }
  const [lookup] = await services.emails.resolve([email]);
  return lookup?.userId !== undefined
    ? { targetUserId: lookup.userId }
    : { problem: `No one in Slack has the address ${email}.` };
}
