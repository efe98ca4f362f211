import type { ModalView } from '@slack/types';
import { isRecord } from './args';
import { checkBlocks, checkOptionalString, checkText, IssueList } from './block-validation';

/**
 * Size in bytes of the view JSON above which views.* return `view_too_large` (250 kB).
 * NOTE: whether Slack counts 1 kB as 1000 or 1024 bytes is unconfirmed. This uses 1024.
 */
export const MAX_VIEW_BYTES = 250 * 1024;

export function isViewTooLarge(view: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8') > MAX_VIEW_BYTES;
}

function hasInputBlock(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((block) => isRecord(block) && block.type === 'input');
}

function checkButtonLabel(value: unknown, name: 'submit' | 'close', issues: IssueList): void {
  if (value === undefined) return;
  checkText(value, `/view/${name}`, { maxLength: 24, plainOnly: true }, issues);
}

/**
 * Validates a modal against Slack's documented limits and returns the `[ERROR] ...` messages,
 * or an empty list when the view is valid.
 */
export function validateModalView(view: unknown): string[] {
  const issues = new IssueList();
  if (!isRecord(view)) {
    issues.add('/view', 'must be a view object');
    return issues.messages;
  }
  if (view.type !== 'modal') issues.add('/view/type', "must be 'modal'");
  if (view.title === undefined) issues.add('/view/title', 'is required');
  else checkText(view.title, '/view/title', { maxLength: 24, plainOnly: true }, issues);
  checkButtonLabel(view.submit, 'submit', issues);
  checkButtonLabel(view.close, 'close', issues);
  if (view.submit === undefined && hasInputBlock(view.blocks)) {
    issues.add('/view', 'must define submit to use input blocks');
  }
  checkBlocks(view.blocks, '/view/blocks', 100, issues);
  checkOptionalString(view.private_metadata, '/view/private_metadata', 3000, issues);
  checkOptionalString(view.callback_id, '/view/callback_id', 255, issues);
  checkOptionalString(view.external_id, '/view/external_id', 255, issues);
  return issues.messages;
}

/** Narrows a view that `validateModalView` accepted. */
export function isModalView(view: unknown): view is ModalView {
  return isRecord(view) && view.type === 'modal' && isRecord(view.title) && Array.isArray(view.blocks);
}
