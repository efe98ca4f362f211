import { LogLevel } from '@slack/bolt';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_AUDIT_DB_PATH = './data/audit.sqlite3';

/** Settings read once from the environment at start-up. Tokens never leave this object in logs. */
export interface AppConfig {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  socketMode: boolean;
  adminToken: string;
  slackApiUrl: string;
  port: number;
  allowedUserIds: ReadonlySet<string>;
  allowedUsergroupIds: ReadonlySet<string>;
  logLevel: LogLevel;
  auditDbPath: string;
  auditChannelId: string | undefined;
}

/** Raised when the environment cannot start the app; `problems` names each variable and its fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const USERGROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Parses and validates the environment, collecting every problem before raising `ConfigError`. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const socketMode = env.SLACK_SOCKET_MODE?.trim().toLowerCase() === 'true';

  const botToken = readToken(env, 'SLACK_BOT_TOKEN', 'xoxb-', 'a bot token (xoxb-…)', problems);
  const adminToken = readToken(env, 'SLACK_ADMIN_TOKEN', 'xoxp-', 'a user token (xoxp-…)', problems);
  const appToken = socketMode
    ? readToken(env, 'SLACK_APP_TOKEN', 'xapp-', 'an app-level token (xapp-…)', problems)
    : undefined;
  const signingSecret = readSigningSecret(env, socketMode, problems);

  const config: AppConfig = {
    botToken,
    signingSecret,
    appToken,
    socketMode,
    adminToken,
    slackApiUrl: readApiUrl(env, problems),
    port: readPort(env, problems),
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
  };

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

function readToken(env: Env, name: string, prefix: string, kind: string, problems: string[]): string {
  const value = env[name]?.trim() ?? '';
  if (value === '') {
    problems.push(`${name} is missing. Set it to ${kind}; see .env.example.`);
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
