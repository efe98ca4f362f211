import { LogLevel } from '@slack/bolt';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_AUDIT_DB_PATH = './data/audit.sqlite3';
export const DEFAULT_MAX_TARGETS_PER_REQUEST = 1000;
/** The largest pasted list or file one request may name; MAX_TARGETS_PER_REQUEST cannot go above it. */
export const MAX_LIST_ENTRIES = 10_000;
/** Slack documents Tier 2 methods, which include admin.users.session.reset and resetBulk, as 20+ per minute. */
export const DEFAULT_ADMIN_CALLS_PER_MINUTE = 20;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8_000;

/** Settings read once from the environment at start-up. Tokens never leave this object in logs. */
export interface AppConfig {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  socketMode: boolean;
  adminToken: string;
  slackApiUrl: string;
  port: number;
  /** Interface the HTTP receiver binds, such as 127.0.0.1; undefined binds every interface. */
  host: string | undefined;
  allowedUserIds: ReadonlySet<string>;
  allowedUsergroupIds: ReadonlySet<string>;
  logLevel: LogLevel;
  auditDbPath: string;
  auditChannelId: string | undefined;
  /** When true, every request runs and is recorded as a dry run: no admin write call is made. */
  dryRun: boolean;
  /** Requests that resolve to more people than this are refused before anything runs. */
  maxTargetsPerRequest: number;
  /** Calls per minute the app allows itself for each admin method it paces (reset and resetBulk). */
  adminCallsPerMinute: number;
  /** When set, payloads whose `api_app_id` differs are acknowledged and dropped. */
  appId: string | undefined;
  /** Timeout of one Web API request attempt, for every client the app makes. */
  requestTimeoutMs: number;
  /** How long a SIGTERM or SIGINT waits for running requests before recording them as interrupted. */
  shutdownTimeoutMs: number;
}

/** Raised when the environment cannot start the app; `problems` names each variable and its fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /**
   * Whether the variables that only the Bolt receiver needs (SLACK_SIGNING_SECRET, SLACK_APP_TOKEN) are
   * checked. The command-line tool receives no requests from Slack, so it passes false.
   */
  receiver?: boolean;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const USERGROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const APP_ID = /^A[A-Z0-9]{2,}$/;
const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Parses and validates the environment, collecting every problem before raising `ConfigError`. */
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): AppConfig {
  const problems: string[] = [];
  const receiverProblems: string[] = [];
  const socketMode = readFlag(env, 'SLACK_SOCKET_MODE', problems);

  const botToken = readToken(env, 'SLACK_BOT_TOKEN', 'xoxb-', 'a bot token (xoxb-…)', problems);
  const adminToken = readToken(env, 'SLACK_ADMIN_TOKEN', 'xoxp-', 'a user token (xoxp-…)', problems);
  const appToken = socketMode
    ? readToken(env, 'SLACK_APP_TOKEN', 'xapp-', APP_TOKEN_KIND, receiverProblems, SOCKET_MODE_IS_ON)
    : undefined;
  const signingSecret = readSigningSecret(env, socketMode, receiverProblems);
  if (options.receiver ?? true) {
    problems.push(...receiverProblems);
  }

  const config: AppConfig = {
    botToken,
    signingSecret,
    appToken,
    socketMode,
    adminToken,
    slackApiUrl: readApiUrl(env, problems),
    port: readPort(env, problems),
    host: env.HOST?.trim() || undefined,
    allowedUserIds: readIdList(
      env,
      'ALLOWED_USER_IDS',
      USER_ID,
      'user ids such as U0123ABCD or W0123ABCD',
      problems,
    ),
    allowedUsergroupIds: readIdList(
      env,
      'ALLOWED_USERGROUP_IDS',
      USERGROUP_ID,
      'user group ids such as S0123ABCD',
      problems,
    ),
    logLevel: readLogLevel(env, problems),
    auditDbPath: env.AUDIT_DB_PATH?.trim() || DEFAULT_AUDIT_DB_PATH,
    auditChannelId: readChannelId(env, problems),
    dryRun: readFlag(env, 'DRY_RUN', problems),
    maxTargetsPerRequest: readMaxTargets(env, problems),
    adminCallsPerMinute: readAdminCallsPerMinute(env, problems),
    appId: readAppId(env, problems),
    requestTimeoutMs: readMilliseconds(
      env,
      'SLACK_REQUEST_TIMEOUT_MS',
      DEFAULT_REQUEST_TIMEOUT_MS,
      100,
      problems,
    ),
    shutdownTimeoutMs: readMilliseconds(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, problems),
  };

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

const APP_TOKEN_KIND = 'an app-level token (xapp-…) with connections:write';
// `npm run dev` sets SLACK_SOCKET_MODE=true itself, so a .env written for HTTP mode still needs the app token there.
const SOCKET_MODE_IS_ON =
  ' Socket Mode is on: SLACK_SOCKET_MODE=true, which npm run dev sets. For HTTP mode, run npm start with SLACK_SOCKET_MODE=false.';

function readToken(
  env: Env,
  name: string,
  prefix: string,
  kind: string,
  problems: string[],
  whyNeeded = '',
): string {
  const value = env[name]?.trim() ?? '';
  if (value === '') {
    problems.push(`${name} is missing. Set it to ${kind}; see .env.example.${whyNeeded}`);
  } else if (!value.startsWith(prefix)) {
    problems.push(`${name} must be ${kind}, but it starts with "${value.slice(0, 5)}".`);
  }
  return value;
}

function readSigningSecret(env: Env, socketMode: boolean, problems: string[]): string {
  const value = env.SLACK_SIGNING_SECRET?.trim() ?? '';
  if (value === '' && !socketMode) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing. Copy it from Basic Information > App Credentials, or set SLACK_SOCKET_MODE=true.',
    );
  }
  return value;
}

function readApiUrl(env: Env, problems: string[]): string {
  const value = env.SLACK_API_URL?.trim() || DEFAULT_SLACK_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(
      `SLACK_API_URL is not a valid URL: "${value}". Leave it unset to use ${DEFAULT_SLACK_API_URL}.`,
    );
    return value;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`SLACK_API_URL must be an http or https URL, not "${value}".`);
  }
  return value.endsWith('/') ? value : `${value}/`;
}

function readPort(env: Env, problems: string[]): number {
  const value = env.PORT?.trim() || '3000';
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function readIdList(env: Env, name: string, pattern: RegExp, kind: string, problems: string[]): Set<string> {
  const ids = (env[name] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const invalid = ids.filter((id) => !pattern.test(id));
  if (invalid.length > 0) {
    problems.push(`${name} contains invalid ids (${invalid.join(', ')}). Use comma-separated ${kind}.`);
  }
  return new Set(ids);
}

function readLogLevel(env: Env, problems: string[]): LogLevel {
  const value = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  const level = LOG_LEVELS[value];
  if (level === undefined) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error, not "${value}".`);
    return LogLevel.INFO;
  }
  return level;
}

function readChannelId(env: Env, problems: string[]): string | undefined {
  const value = env.AUDIT_CHANNEL_ID?.trim() ?? '';
  if (value === '') {
    return undefined;
  }
  if (!CHANNEL_ID.test(value)) {
    problems.push(
      `AUDIT_CHANNEL_ID must be a channel ID such as C0123ABCD (open the channel details in Slack to copy it), not "${value}".`,
    );
  }
  return value;
}

function readAppId(env: Env, problems: string[]): string | undefined {
  const value = env.SLACK_APP_ID?.trim() ?? '';
  if (value === '') {
    return undefined;
  }
  if (!APP_ID.test(value)) {
    problems.push(
      `SLACK_APP_ID must be an app ID such as A0123ABCD (Basic Information > App Credentials), not "${value}".`,
    );
  }
  return value;
}

/** Reads a whole number of milliseconds from `minimum` up to 10 minutes. */
function readMilliseconds(
  env: Env,
  name: string,
  fallback: number,
  minimum: number,
  problems: string[],
): number {
  const value = env[name]?.trim() || String(fallback);
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < minimum || ms > 600_000) {
    problems.push(
      `${name} must be a whole number of milliseconds from ${minimum} to 600000, not "${value}".`,
    );
    return fallback;
  }
  return ms;
}

function readFlag(env: Env, name: string, problems: string[]): boolean {
  const value = env[name]?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  problems.push(`${name} must be true or false, not "${env[name]?.trim()}".`);
  return false;
}

function readMaxTargets(env: Env, problems: string[]): number {
  const value = env.MAX_TARGETS_PER_REQUEST?.trim() || String(DEFAULT_MAX_TARGETS_PER_REQUEST);
  const max = Number(value);
  if (!/^\d+$/.test(value) || max < 1 || max > MAX_LIST_ENTRIES) {
    problems.push(
      `MAX_TARGETS_PER_REQUEST must be a whole number of people from 1 to ${MAX_LIST_ENTRIES}, not "${value}". ` +
        `Leave it unset for ${DEFAULT_MAX_TARGETS_PER_REQUEST}.`,
    );
    return DEFAULT_MAX_TARGETS_PER_REQUEST;
  }
  return max;
}

function readAdminCallsPerMinute(env: Env, problems: string[]): number {
  const value = env.ADMIN_CALLS_PER_MINUTE?.trim() || String(DEFAULT_ADMIN_CALLS_PER_MINUTE);
  const perMinute = Number(value);
  if (!/^\d+$/.test(value) || perMinute < 1 || perMinute > 1000) {
    problems.push(
      `ADMIN_CALLS_PER_MINUTE must be a whole number from 1 to 1000, not "${value}". Leave it unset for ` +
        `${DEFAULT_ADMIN_CALLS_PER_MINUTE}, Slack's documented Tier 2 rate.`,
    );
    return DEFAULT_ADMIN_CALLS_PER_MINUTE;
  }
  return perMinute;
}
