import type { AnyBlock, Block, ModalView } from '@slack/types';
import type { RecordedCall, ResponseUrlPost, SlackEmulator, TokenType } from '../../test/emulator';
import { isRecord } from '../../test/emulator/args';
import { isModalView } from '../../test/emulator/views-validation';

/** Raised when the app or the emulator did not do what a demo step expects. */
export class DemoCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoCheckError';
  }
}

/** Calls to `method` recorded after the first `since` calls, so each step reads only its own traffic. */
export function callsSince(emulator: SlackEmulator, since: number, method: string): RecordedCall[] {
  return emulator.calls.slice(since).filter((call) => call.method === method);
}

/** Posts the app made to one URL from `emulator.createResponseUrl()`. */
export function postsTo(emulator: SlackEmulator, responseUrl: string): ResponseUrlPost[] {
  return emulator.responseUrlPosts.filter((post) => responseUrl.endsWith(`/response/${post.id}`));
}

/** Names the kind of token a call carried, so the demo can show it without printing the token. */
export function describeTokenType(tokenType: TokenType | undefined): string {
  return tokenType === undefined ? 'no token' : `${tokenType} token`;
}

/** True when Slack accepted the call: HTTP 200 with `ok: true`. */
export function succeeded(call: RecordedCall): boolean {
  return call.status === 200 && isRecord(call.response) && call.response.ok === true;
}

/** Returns the Slack error code of a failed call, or its HTTP status when the body has no code. */
export function failureOf(call: RecordedCall): string {
  if (isRecord(call.response) && typeof call.response.error === 'string') {
    return call.response.error;
  }
  return `HTTP ${call.status}`;
}

/** Reads a modal from a call's `view` argument or from a `response_action` body. */
export function readModal(value: unknown, source: string): ModalView {
  if (!isModalView(value)) {
    throw new DemoCheckError(`${source} does not contain a modal view.`);
  }
  return value;
}

/** Reads a `blocks` array; a body without blocks gives an empty list. */
export function readBlocks(value: unknown, source: string): AnyBlock[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || !value.every(isBlock)) {
    throw new DemoCheckError(`${source} has a "blocks" field that is not a list of blocks.`);
  }
  return value;
}

function isBlock(value: unknown): value is Block {
  return isRecord(value) && typeof value.type === 'string';
}

/** A message body as the app sent it to a response URL or to chat.postMessage. */
export interface SentMessage {
  text: string;
  blocks: AnyBlock[];
}

export function readMessage(body: unknown, source: string): SentMessage {
  if (!isRecord(body) || typeof body.text !== 'string') {
    throw new DemoCheckError(`${source} has no "text" field.`);
  }
  return { text: body.text, blocks: readBlocks(body.blocks, source) };
}

export function readString(args: Record<string, unknown>, name: string, source: string): string {
  const value = args[name];
  if (typeof value !== 'string') {
    throw new DemoCheckError(`${source} has no "${name}" string.`);
  }
  return value;
}
