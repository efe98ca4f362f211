import type { EmulatorState } from '../state';
import type { Args, FixtureToken, FixtureUser, SlackResponse, TokenType } from '../types';

export interface MethodContext {
  method: string;
  args: Args;
  token: FixtureToken;
  /** User the token acts as, or undefined when the fixture has no such user. */
  caller: FixtureUser | undefined;
  state: EmulatorState;
  /** Emulator clock, in ms since the epoch. */
  now: number;
}

/** What the dispatcher checks before it calls `handle`, and the handler itself. */
export interface MethodSpec {
  tokenTypes: readonly TokenType[];
  /** OAuth scope the token needs, or undefined for none. */
  scope?: string;
  /** Whether the token's user must be an org admin or owner. */
  adminOnly?: boolean;
  handle(context: MethodContext): SlackResponse;
}

export function success(fields: Record<string, unknown> = {}): SlackResponse {
  return { ok: true, ...fields };
}

export function failure(error: string, fields: Record<string, unknown> = {}): SlackResponse {
  return { ok: false, error, ...fields };
}
