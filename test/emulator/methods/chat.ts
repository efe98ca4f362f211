import { InvalidArgumentError, readString, readStringList, requireString } from '../args';
import { validateMessageBlocks } from '../block-validation';
import type { EmulatorState } from '../state';
import type { Args, SlackResponse } from '../types';
import { failure, type MethodSpec, success } from './method';

/** Returns the DM channel id the emulator uses for a user: `W0ALICE` gets `D0ALICE`. */
export function dmChannelId(userId: string): string {
  return `D${userId.slice(1)}`;
}

type ChannelResolution = { channelId: string; error?: undefined } | { channelId?: undefined; error: string };

/**
 * Resolves `channel` the way chat.* methods accept it: a user id opens a DM with that user, a DM id must
 * belong to a known user, and a channel must contain the bot. A private channel without the bot is
 * invisible to it, so the result is `channel_not_found` rather than `not_in_channel`.
 */
function resolveChannel(state: EmulatorState, channel: string): ChannelResolution {
  if (/^[UW]/.test(channel)) {
    return state.users.has(channel) ? { channelId: dmChannelId(channel) } : { error: 'channel_not_found' };
  }
  if (channel.startsWith('D')) {
    const rest = channel.slice(1);
    const hasOwner = state.users.has(`W${rest}`) || state.users.has(`U${rest}`);
    return hasOwner ? { channelId: channel } : { error: 'channel_not_found' };
  }
  const known = state.channels.get(channel);
  if (known === undefined) return { error: 'channel_not_found' };
  if (!known.botIsMember) return { error: known.isPrivate ? 'channel_not_found' : 'not_in_channel' };
  return { channelId: channel };
}

/** Checks text and blocks, and returns the error response, or undefined when the message content is valid. */
function checkMessageContent(args: Args): SlackResponse | undefined {
  const text = readString(args, 'text');
  const blocks = args.blocks;
  if (typeof blocks === 'string') throw new InvalidArgumentError('blocks', 'must be a JSON array');
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text === undefined && !hasBlocks && args.attachments === undefined) return failure('no_text');
  if (blocks === undefined) return undefined;
  const messages = validateMessageBlocks(blocks);
  return messages.length > 0 ? failure('invalid_blocks', { response_metadata: { messages } }) : undefined;
}

function nextMessageTs(state: EmulatorState): string {
  return `1700000000.${String(state.nextSequence('message-ts')).padStart(6, '0')}`;
}

export const chatPostMessage: MethodSpec = {
  tokenTypes: ['bot'],
  scope: 'chat:write',
  handle({ args, state, token }) {
    const resolved = resolveChannel(state, requireString(args, 'channel'));
    if (resolved.error !== undefined) return failure(resolved.error);
    const contentError = checkMessageContent(args);
    if (contentError !== undefined) return contentError;
    const ts = nextMessageTs(state);
    const message: Record<string, unknown> = {
      type: 'message',
      text: readString(args, 'text') ?? '',
      user: token.userId,
      bot_id: token.botId,
      ts,
      team: token.teamId,
    };
    if (args.blocks !== undefined) message.blocks = args.blocks;
    return success({ channel: resolved.channelId, ts, message });
  },
};

export const chatPostEphemeral: MethodSpec = {
  tokenTypes: ['bot'],
  scope: 'chat:write',
  handle({ args, state }) {
    const resolved = resolveChannel(state, requireString(args, 'channel'));
    if (resolved.error !== undefined) return failure(resolved.error);
    if (!state.users.has(requireString(args, 'user'))) return failure('user_not_found');
    const contentError = checkMessageContent(args);
    if (contentError !== undefined) return contentError;
    return success({ message_ts: nextMessageTs(state) });
  },
};

export const conversationsOpen: MethodSpec = {
  tokenTypes: ['bot', 'user'],
  scope: 'im:write',
  handle({ args, state }) {
    const users = readStringList(args, 'users') ?? [];
    // Group DMs are not emulated, so more than one user is rejected rather than given a wrong channel.
    if (users.length !== 1) {
      throw new InvalidArgumentError('users', 'the emulator opens DMs with exactly one user');
    }
    const userId = users[0] ?? '';
    if (!state.users.has(userId)) return failure('user_not_found');
    return success({ channel: { id: dmChannelId(userId) } });
  },
};
