import type { ResolvedTargets } from '../bulk/resolve-targets';
import { DRY_RUN_PREVIEW, peopleCount } from '../messages/bulk';
import { describeError } from '../messages/error-messages';
import type { SessionScope } from '../slack/scope';
import type { ResetOutcome } from '../slack/session-admin';

/** Describes what will happen and what was left out, printed before the confirmation question. */
export function summaryText(
  resolved: ResolvedTargets,
  scope: SessionScope,
  dryRun: boolean,
  plannedCalls: number,
): string {
  const lines = [
    `${peopleCount(resolved.userIds.length)} found; ${dryRun ? 'a dry run covers' : 'the reset ends'} ${scope} sessions ` +
      `with ${plannedCalls} admin call${plannedCalls === 1 ? '' : 's'}.`,
  ];
  for (const group of resolved.usergroups) {
    lines.push(`  user group ${group.usergroupId}: ${peopleCount(group.memberCount)}`);
  }
  if (resolved.notFound.length > 0) {
    lines.push(`  not found: ${resolved.notFound.length}`);
  }
  if (resolved.duplicateCount > 0) {
    lines.push(`  duplicates removed: ${resolved.duplicateCount}`);
  }
  const bots = resolved.leftOut.filter((person) => person.reason === 'bot').length;
  const deactivated = resolved.leftOut.length - bots;
  if (bots > 0) {
    lines.push(`  left out, bots (Slack cannot reset them): ${bots}`);
  }
  if (deactivated > 0) {
    lines.push(`  left out, deactivated accounts (no sessions): ${deactivated}`);
  }
  if (resolved.ignored.length > 0) {
    lines.push(`  ignored entries: ${resolved.ignored.length}`);
  }
  if (dryRun) {
    lines.push(DRY_RUN_PREVIEW);
  }
  return lines.join('\n');
}

/** Formats one tab-separated line per person: user ID, status, error code, description. */
export function outcomeRows(outcomes: readonly ResetOutcome[], dryRun: boolean): string[] {
  return outcomes.map((outcome) => {
    if (!outcome.ok) {
      const code = outcome.error ?? 'unexpected_error';
      return row(outcome.userId, 'failed', code, describeError(code));
    }
    if (dryRun) {
      return row(outcome.userId, 'would_reset', '', 'dry run: no admin call was made');
    }
    return outcome.queued
      ? row(outcome.userId, 'queued', '', 'Slack queued the reset (resetBulk); sessions may end shortly')
      : row(outcome.userId, 'signed_out', '', 'sessions reset');
  });
}

/** Lines for entries that never reached a reset: not found, left out, ignored. */
export function resolutionRows(resolved: ResolvedTargets): string[] {
  return [
    ...resolved.notFound.map((item) => row(item.entry, 'not_found', '', item.reason)),
    ...resolved.leftOut.map((person) =>
      row(
        person.userId,
        'left_out',
        '',
        person.reason === 'bot'
          ? 'bot user; Slack cannot reset bot sessions'
          : 'deactivated account; no sessions',
      ),
    ),
    ...resolved.ignored.map((item) => row(item.text, 'invalid', '', item.reason)),
  ];
}

function row(...cells: string[]): string {
  return cells.map((cell) => cell.replace(/[\t\n]/g, ' ')).join('\t');
}
