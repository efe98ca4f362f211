import type { ModalView } from '@slack/types';

export type TokenType = 'bot' | 'user' | 'app';

/** Device class of a session, used by the `mobile_only` and `web_only` reset flags. */
export type SessionKind = 'mobile' | 'web';

/** Method arguments after form or JSON decoding. */
export type Args = Record<string, unknown>;

/** Body of a Web API response: `{ ok: true, ... }` or `{ ok: false, error, ... }`. */
export type SlackResponse = { ok: boolean } & Record<string, unknown>;

export interface FixtureEnterprise {
  id: string;
  name: string;
  domain: string;
}

export interface FixtureTeam {
  id: string;
  name: string;
  domain: string;
}

export interface FixtureUser {
  id: string;
  /** Home workspace, reported as the user's `team_id`. */
  teamId: string;
  /** Workspaces of the enterprise that the user belongs to. */
  teams: string[];
  name: string;
  realName: string;
  displayName?: string;
  email: string;
  deleted?: boolean;
  isBot?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
}

export interface FixtureToken {
  token: string;
  type: TokenType;
  /** User the token acts as: the installing user for `user`, the bot user for `bot`. */
  userId: string;
  botId?: string;
  /** Team reported by `auth.test`. */
  teamId: string;
  isEnterpriseInstall?: boolean;
  scopes: string[];
  revoked?: boolean;
}

/** Device details as `admin.users.session.list` reports them in `created` and `recent`. */
export interface SessionDevice {
  device_hardware: string;
  os: string;
  os_version: string;
  slack_client_version: string;
  ip: string;
}

export interface FixtureSession {
  sessionId: number;
  userId: string;
  teamId: string;
  kind: SessionKind;
  created: SessionDevice;
  recent?: SessionDevice;
}

export interface FixtureChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  botIsMember: boolean;
}

export interface FixtureUsergroup {
  id: string;
  teamId: string;
  userIds: string[];
}

/** Org contents the emulator starts from and returns to on `reset()`. */
export interface Fixture {
  enterprise: FixtureEnterprise;
  teams: FixtureTeam[];
  users: FixtureUser[];
  tokens: FixtureToken[];
  usergroups: FixtureUsergroup[];
  channels: FixtureChannel[];
  sessions: FixtureSession[];
}

/** A stored modal with the fields Slack adds when it returns a view. */
export type EmulatorView = ModalView & {
  id: string;
  hash: string;
  team_id: string;
  app_id: string;
  bot_id: string;
  root_view_id: string;
  previous_view_id: string | null;
  state: { values: Record<string, never> };
};

export interface RecordedCall {
  method: string;
  token?: string;
  tokenType?: TokenType;
  /** Decoded arguments without the `token` field. */
  args: Args;
  /** Arrival time in ms since the epoch, from the emulator clock. */
  at: number;
  /** HTTP status sent, or 0 when a fault closed the connection without a response. */
  status: number;
  /** Parsed response body, or undefined when nothing was sent. */
  response: unknown;
}

export interface ResponseUrlPost {
  id: string;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  at: number;
}

/** A scripted failure for the next matching request. */
export interface Fault {
  /** HTTP status to respond with instead of the method result. */
  status?: 429 | 500 | 502 | 503;
  /** Seconds for the `Retry-After` header of a 429 response. Without it the header is left out. */
  retryAfter?: number;
  /** Error code for an HTTP 200 `{ ok: false, error }` response. */
  error?: string;
  /** Delay before the response, in ms. */
  delayMs?: number;
  /** Whether to close the connection without a response. */
  destroySocket?: boolean;
  /** Number of matching requests the fault applies to: 1 by default, `Infinity` for all. */
  times?: number;
  /** Applies the fault only to requests whose decoded arguments pass this test. */
  match?: (args: Args) => boolean;
}

export interface RateLimitOptions {
  /** Calls allowed in any window; the name holds for the default one-minute window. */
  perMinute: number;
  /** Window length in ms, 60 000 by default. Benchmarks shorten it to run a tier faster than real time. */
  windowMs?: number;
}
