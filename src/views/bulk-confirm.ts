import type { KnownBlock, ModalView } from '@slack/types';
import type { ResolvedTargets } from '../bulk/resolve-targets';
import { DRY_RUN_PREVIEW, NOBODY_LEFT_TEXT, peopleCount } from '../messages/bulk';
import type { SessionScope } from '../slack/scope';
import { escapeMrkdwn, linesToSections, mentionUser } from './mrkdwn';

export const BULK_CONFIRM_CALLBACK_ID = 'bulk_reset_confirm';

/** Entries named one by one in each list of problems; the rest are counted. */
const SHOWN_PER_LIST = 20;

const SCOPE_PHRASES: Readonly<Record<SessionScope, string>> = {
  all: 'all sessions (desktop, web and mobile)',
  mobile: 'mobile sessions only',
  web: 'web browser sessions only',
};

/** Carried in the confirmation's `private_metadata`: only the key of the request kept on the server. */
export interface BulkConfirmMetadata {
  pending_id: string;
}

export interface ConfirmModalInput {
  resolved: ResolvedTargets;
  scope: SessionScope;
  reason: string;
  dryRun: boolean;
  /** Admin calls the run starts with, shown so the cost is known before confirming. */
  plannedCalls: number;
  metadata: BulkConfirmMetadata;
}

/** Builds the view shown while entries are looked up, which can take longer than Slack waits for the ack. */
export function buildCheckingModal(): ModalView {
  return infoModal(
    'Checking the list',
    ':hourglass_flowing_sand: Looking up everyone in Slack… Nobody is signed out until you confirm on the next screen.',
  );
}

/** Shows who will be signed out and everything that was left out, with the button that starts the run. */
export function buildConfirmModal(input: ConfirmModalInput): ModalView {
  const count = input.resolved.userIds.length;
  const blocks: KnownBlock[] = [
    headline(input),
    ...linesToSections(resolutionLines(input.resolved), 'found'),
  ];
  blocks.push({
    type: 'context',
    block_id: 'request',
    elements: [{ type: 'mrkdwn', text: `Reason: ${escapeMrkdwn(input.reason).slice(0, 2900)}` }],
  });

  if (count === 0) {
    const modal = infoModal('Nothing to do', NOBODY_LEFT_TEXT);
    return { ...modal, blocks: [...modal.blocks, ...blocks.slice(1, 99)] };
  }

  return {
    type: 'modal',
    callback_id: BULK_CONFIRM_CALLBACK_ID,
    title: { type: 'plain_text', text: input.dryRun ? 'Confirm dry run' : 'Confirm reset' },
    submit: {
      type: 'plain_text',
      text: input.dryRun ? 'Start dry run' : `Reset ${peopleCount(count)}`.slice(0, 24),
    },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(input.metadata),
    blocks: blocks.slice(0, 100),
  };
}

/** Replaces the form when the request resolved to more people than MAX_TARGETS_PER_REQUEST. */
export function buildRefusedRequestModal(text: string): ModalView {
  return infoModal('Request refused', `:no_entry: ${text}`);
}

export function buildExpiredModal(text: string): ModalView {
  return infoModal('Confirmation expired', text);
}

/** Reads `private_metadata` of the confirmation; undefined when it is not one this app made. */
export function readBulkConfirmMetadata(privateMetadata: string): BulkConfirmMetadata | undefined {
  try {
    const parsed: unknown = JSON.parse(privateMetadata);
    if (typeof parsed === 'object' && parsed !== null && 'pending_id' in parsed) {
      return typeof parsed.pending_id === 'string' ? { pending_id: parsed.pending_id } : undefined;
    }
  } catch {
    // Not JSON: not a confirmation this app built.
  }
  return undefined;
}

function headline(input: ConfirmModalInput): KnownBlock {
  const count = input.resolved.userIds.length;
  const calls =
    input.plannedCalls === 1 ? '1 admin call' : `${input.plannedCalls.toLocaleString('en-US')} admin calls`;
  const action = input.dryRun
    ? `*Dry run: ${peopleCount(count)} would be signed out* of ${SCOPE_PHRASES[input.scope]}.`
    : `:warning: *${peopleCount(count)} will be signed out* of ${SCOPE_PHRASES[input.scope]} when you confirm.`;
  const tail = input.dryRun ? DRY_RUN_PREVIEW : `This takes about ${calls} to Slack and cannot be undone.`;
  return { type: 'section', block_id: 'headline', text: { type: 'mrkdwn', text: `${action}\n${tail}` } };
}

/** Builds one line per kind of problem, naming the first few entries of each. */
export function resolutionLines(resolved: ResolvedTargets): string[] {
  const lines: string[] = [];

  for (const group of resolved.usergroups) {
    lines.push(
      `:busts_in_silhouette: User group <!subteam^${group.usergroupId}> has ${peopleCount(group.memberCount)}.`,
    );
  }
  if (resolved.notFound.length > 0) {
    lines.push(
      `:grey_question: *Not found (${resolved.notFound.length}):* ` +
        listed(resolved.notFound.map((item) => `\`${escapeMrkdwn(item.entry)}\` (${item.reason})`)),
    );
  }
  if (resolved.duplicateCount > 0) {
    lines.push(`:heavy_minus_sign: Removed ${resolved.duplicateCount.toLocaleString('en-US')} duplicates.`);
  }

  const bots = resolved.leftOut.filter((person) => person.reason === 'bot').map((person) => person.userId);
  const deactivated = resolved.leftOut
    .filter((person) => person.reason === 'deactivated')
    .map((person) => person.userId);
  if (bots.length > 0) {
    lines.push(
      `:robot_face: *Left out ${bots.length} bots*, because Slack cannot reset a bot's sessions: ` +
        listed(bots.map(mentionUser)),
    );
  }
  if (deactivated.length > 0) {
    lines.push(
      `:zzz: *Left out ${deactivated.length} deactivated accounts*, because they have no sessions: ` +
        listed(deactivated.map(mentionUser)),
    );
  }
  if (resolved.unchecked.length > 0) {
    lines.push(
      `:warning: *${resolved.unchecked.length} could not be checked* and are included; Slack decides on reset: ` +
        listed(resolved.unchecked.map((item) => `${mentionUser(item.entry)} (${escapeMrkdwn(item.reason)})`)),
    );
  }
  if (resolved.ignored.length > 0) {
    lines.push(
      `:heavy_minus_sign: *Ignored ${resolved.ignored.length} entries* that name nobody: ` +
        listed(resolved.ignored.map((item) => `\`${escapeMrkdwn(item.text)}\` (${item.reason})`)),
    );
  }
  return lines;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN_PER_LIST).join(', ');
  const more = items.length - SHOWN_PER_LIST;
  return more > 0 ? `${shown} and ${more.toLocaleString('en-US')} more.` : `${shown}.`;
}

function infoModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', block_id: 'info', text: { type: 'mrkdwn', text } }],
  };
}
