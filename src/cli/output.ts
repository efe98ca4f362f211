import type { ResolvedTargets } from '../bulk/resolve-targets';
import { DRY_RUN_PREVIEW, peopleCount } from '../messages/bulk';
import { describeError } from '../messages/error-messages';
import type { SessionScope } from '../slack/scope';
import type { ResetOutcome } from '../slack/session-admin';

/**
 * An entry of `--users` or a row of `--file` that is no user ID, email address or user group ID. It is
 * skipped, and it makes the exit status 1.
 */
export interface InvalidEntry {
  /** Source of the entry, such as `--users entry 2` or `people.csv line 4`. */
  where: string;
  text: string;
  reason: string;
}

const SCOPE_PHRASES: Readonly<Record<SessionScope, string>> = {
  all: 'all their sessions',
  mobile: 'their mobile sessions',
  web: 'their web sessions',
};

/** Describes what will happen and what was left out, printed before the confirmation question. */
export function summaryText(
  resolved: ResolvedTargets,
  scope: SessionScope,
  dryRun: boolean,
  plannedCalls: number,
): string {
  const found = `${peopleCount(resolved.userIds.length)} found`;
  const sessions = SCOPE_PHRASES[scope];

  const lines = [
    dryRun
      ? `${found}; a dry run checks ${sessions} and makes no admin call (a real run would make ${adminCallCount(plannedCalls)}).`
      : `${found}; the reset ends ${sessions} with ${adminCallCount(plannedCalls)}.`,
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

/** Formats the closing line on standard error, written after the per-person lines. */
export function finishedText(
  correlationId: string,
  dryRun: boolean,
  calls: { adminCalls: number; plannedCalls: number },
): string {
  return dryRun
    ? `Dry run finished: no admin call was made; a real run would make ${adminCallCount(calls.plannedCalls)}. ` +
        `Correlation ID ${correlationId}.`
    : `Finished with ${adminCallCount(calls.adminCalls)}. Correlation ID ${correlationId}.`;
}

/** Says which entry was skipped and why, the same way for `--users` entries and file rows. */
export function invalidEntryText(entry: InvalidEntry): string {
  return `${entry.where}: "${entry.text}" is ${entry.reason}; skipped.`;
}

/** Formats one `invalid` line per skipped entry, in the same format as the per-person lines. */
export function invalidEntryRows(entries: readonly InvalidEntry[]): string[] {
  return entries.map((entry) => row(entry.text, 'invalid', '', entry.reason));
}

/** Returns "N entry" or "N entries". */
export function entryCount(count: number): string {
  return count === 1 ? '1 entry' : `${count.toLocaleString('en-US')} entries`;
}

function adminCallCount(count: number): string {
  return count === 1 ? '1 admin call' : `${count.toLocaleString('en-US')} admin calls`;
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
