import { isRecord } from './args';

/**
 * Collects Block Kit problems in the form Slack uses in `response_metadata.messages`,
 * `[ERROR] <problem> [json-pointer:<path>]` (a Slack response quoted in
 * https://github.com/slackapi/java-slack-sdk/pull/302 shows it). The problem texts are the emulator's own.
 */
export class IssueList {
  readonly messages: string[] = [];

  add(pointer: string, problem: string): void {
    this.messages.push(`[ERROR] ${problem} [json-pointer:${pointer}]`);
  }
}

/** Counts characters by code point, so an emoji counts once. */
function characterCount(text: string): number {
  return [...text].length;
}

/** Adds an issue when `value` is present but is not a string of at most `max` characters. */
export function checkOptionalString(value: unknown, pointer: string, max: number, issues: IssueList): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    issues.add(pointer, 'must be a string');
    return;
  }
  if (characterCount(value) > max) issues.add(pointer, `must be at most ${max} characters`);
}

export interface TextRule {
  maxLength: number;
  plainOnly?: boolean;
}

/** Checks a text composition object: its type and a non-empty `text` within the length limit. */
export function checkText(value: unknown, pointer: string, rule: TextRule, issues: IssueList): void {
  if (!isRecord(value)) {
    issues.add(pointer, 'must be a text object');
    return;
  }
  const allowedTypes = rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowedTypes.includes(value.type)) {
    issues.add(`${pointer}/type`, `must be ${allowedTypes.join(' or ')}`);
  }
  if (typeof value.text !== 'string' || value.text === '') {
    issues.add(`${pointer}/text`, 'must be a non-empty string');
    return;
  }
  if (characterCount(value.text) > rule.maxLength) {
    issues.add(`${pointer}/text`, `must be at most ${rule.maxLength} characters`);
  }
}

/** Adds issues for a non-array or a wrong item count, and returns whether `value` is an array. */
function checkArrayLength(
  value: unknown,
  pointer: string,
  min: number,
  max: number,
  issues: IssueList,
): value is unknown[] {
  if (!Array.isArray(value)) {
    issues.add(pointer, 'must be an array');
    return false;
  }
  if (value.length < min) issues.add(pointer, `must contain at least ${min} items`);
  if (value.length > max) issues.add(pointer, `must contain at most ${max} items`);
  return true;
}

function checkIntegerRange(
  value: unknown,
  pointer: string,
  min: number,
  max: number,
  issues: IssueList,
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.add(pointer, `must be an integer from ${min} to ${max}`);
  }
}

/** Checks an interactive element: buttons, radio buttons and plain-text inputs get their documented limits. */
export function checkElement(element: unknown, pointer: string, issues: IssueList): void {
  if (!isRecord(element) || typeof element.type !== 'string') {
    issues.add(pointer, 'must be an element object with a type');
    return;
  }
  checkOptionalString(element.action_id, `${pointer}/action_id`, 255, issues);
  if (element.type === 'button') {
    checkText(element.text, `${pointer}/text`, { maxLength: 75, plainOnly: true }, issues);
    checkOptionalString(element.value, `${pointer}/value`, 2000, issues);
  } else if (element.type === 'radio_buttons') {
    checkArrayLength(element.options, `${pointer}/options`, 1, 10, issues);
  } else if (element.type === 'plain_text_input') {
    checkIntegerRange(element.max_length, `${pointer}/max_length`, 1, 3000, issues);
    checkIntegerRange(element.min_length, `${pointer}/min_length`, 0, 3000, issues);
  }
}

function checkInputBlock(block: Record<string, unknown>, pointer: string, issues: IssueList): void {
  const plainText = { maxLength: 2000, plainOnly: true };
  if (block.label === undefined) {
    issues.add(`${pointer}/label`, 'is required in an input block');
  } else {
    checkText(block.label, `${pointer}/label`, plainText, issues);
  }
  if (block.element === undefined) {
    issues.add(`${pointer}/element`, 'is required in an input block');
  } else {
    checkElement(block.element, `${pointer}/element`, issues);
  }
  if (block.hint !== undefined) checkText(block.hint, `${pointer}/hint`, plainText, issues);
}

function checkSectionBlock(block: Record<string, unknown>, pointer: string, issues: IssueList): void {
  if (block.text === undefined && block.fields === undefined) {
    issues.add(pointer, 'a section block needs text or fields');
  }
  if (block.text !== undefined) checkText(block.text, `${pointer}/text`, { maxLength: 3000 }, issues);
  if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, issues);
}

function checkActionsBlock(block: Record<string, unknown>, pointer: string, issues: IssueList): void {
  const elements = block.elements;
  if (!checkArrayLength(elements, `${pointer}/elements`, 1, 25, issues)) return;
  elements.forEach((element, index) => {
    checkElement(element, `${pointer}/elements/${index}`, issues);
  });
}

function checkBlock(block: unknown, pointer: string, blockIds: Set<string>, issues: IssueList): void {
  if (!isRecord(block) || typeof block.type !== 'string') {
    issues.add(pointer, 'must be a block object with a type');
    return;
  }
  if (block.block_id !== undefined) {
    checkOptionalString(block.block_id, `${pointer}/block_id`, 255, issues);
    if (typeof block.block_id === 'string' && blockIds.has(block.block_id)) {
      issues.add(`${pointer}/block_id`, `duplicate block_id ${block.block_id}`);
    }
    if (typeof block.block_id === 'string') blockIds.add(block.block_id);
  }
  switch (block.type) {
    case 'input':
      checkInputBlock(block, pointer, issues);
      break;
    case 'header':
      checkText(block.text, `${pointer}/text`, { maxLength: 150, plainOnly: true }, issues);
      break;
    case 'section':
      checkSectionBlock(block, pointer, issues);
      break;
    case 'context':
      checkArrayLength(block.elements, `${pointer}/elements`, 1, 10, issues);
      break;
    case 'actions':
      checkActionsBlock(block, pointer, issues);
      break;
  }
}

/** Checks a `blocks` array: its size, unique `block_id`s and each block's own limits. */
export function checkBlocks(blocks: unknown, pointer: string, maxBlocks: number, issues: IssueList): void {
  if (!checkArrayLength(blocks, pointer, 0, maxBlocks, issues)) return;
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(block, `${pointer}/${index}`, blockIds, issues);
  });
}

/** Validates message blocks (at most 50) and returns the issue messages, empty when valid. */
export function validateMessageBlocks(blocks: unknown): string[] {
  const issues = new IssueList();
  checkBlocks(blocks, '/blocks', 50, issues);
  return issues.messages;
}
