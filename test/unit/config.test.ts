import { LogLevel } from '@slack/bolt';
import { ConfigError, DEFAULT_SLACK_API_URL, loadConfig } from '../../src/config';

const VALID_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_ADMIN_TOKEN: 'xoxp-1',
};

function problemsFor(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(VALID_ENV);
    expect(config.port).toBe(3000);
    expect(config.slackApiUrl).toBe(DEFAULT_SLACK_API_URL);
    expect(config.socketMode).toBe(false);
    expect(config.logLevel).toBe(LogLevel.INFO);
    expect(config.allowedUserIds.size).toBe(0);
  });

  it('names every missing variable at once', () => {
    expect(problemsFor({})).toEqual([
      expect.stringContaining('SLACK_BOT_TOKEN is missing'),
      expect.stringContaining('SLACK_ADMIN_TOKEN is missing'),
      expect.stringContaining('SLACK_SIGNING_SECRET is missing'),
    ]);
  });

  it('rejects a bot token as the admin token', () => {
    expect(problemsFor({ ...VALID_ENV, SLACK_ADMIN_TOKEN: 'xoxb-2' })).toEqual([
      'SLACK_ADMIN_TOKEN must be a user token (xoxp-…), but it starts with "xoxb-".',
    ]);
  });

  it('never echoes more than a token prefix', () => {
    const [problem] = problemsFor({ ...VALID_ENV, SLACK_BOT_TOKEN: 'xoxp-very-secret-value' });
    expect(problem).not.toContain('very-secret');
  });

  it('requires the app token only in Socket Mode', () => {
    expect(problemsFor({ ...VALID_ENV, SLACK_SOCKET_MODE: 'true' })).toEqual([
      expect.stringContaining('SLACK_APP_TOKEN is missing'),
    ]);
  });

  it('says why SLACK_APP_TOKEN is needed', () => {
    const [problem] = problemsFor({ ...VALID_ENV, SLACK_SOCKET_MODE: 'true' });
    expect(problem).toContain('Socket Mode is on: SLACK_SOCKET_MODE=true, which npm run dev sets');
  });

  it.each(['1', 'yes', 'on', 'false-ish'])('rejects SLACK_SOCKET_MODE %s', (value) => {
    expect(problemsFor({ ...VALID_ENV, SLACK_SOCKET_MODE: value })).toEqual([
      `SLACK_SOCKET_MODE must be true or false, not "${value}".`,
    ]);
  });

  it.each(['', ' ', 'false', 'FALSE'])('reads SLACK_SOCKET_MODE "%s" as HTTP mode', (value) => {
    expect(loadConfig({ ...VALID_ENV, SLACK_SOCKET_MODE: value }).socketMode).toBe(false);
  });

  it('does not need a signing secret in Socket Mode', () => {
    const config = loadConfig({
      ...VALID_ENV,
      SLACK_SIGNING_SECRET: '',
      SLACK_SOCKET_MODE: 'TRUE',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(config.socketMode).toBe(true);
  });

  it('parses allowlists', () => {
    const config = loadConfig({
      ...VALID_ENV,
      ALLOWED_USER_IDS: ' W0A, U0B ,',
      ALLOWED_USERGROUP_IDS: 'S0SEC',
    });
    expect([...config.allowedUserIds]).toEqual(['W0A', 'U0B']);
    expect([...config.allowedUsergroupIds]).toEqual(['S0SEC']);
  });

  it('rejects malformed allowlist ids', () => {
    expect(
      problemsFor({ ...VALID_ENV, ALLOWED_USER_IDS: 'alice,W0A', ALLOWED_USERGROUP_IDS: 'W0A' }),
    ).toEqual([
      expect.stringContaining('ALLOWED_USER_IDS contains invalid ids (alice)'),
      expect.stringContaining('ALLOWED_USERGROUP_IDS contains invalid ids (W0A)'),
    ]);
  });

  it.each(['abc', '-1', '70000', '3.5'])('rejects PORT %s', (port) => {
    expect(problemsFor({ ...VALID_ENV, PORT: port })).toEqual([expect.stringContaining('PORT must be')]);
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(problemsFor({ ...VALID_ENV, LOG_LEVEL: 'loud' })).toEqual([expect.stringContaining('LOG_LEVEL')]);
  });

  it('adds a trailing slash to SLACK_API_URL', () => {
    expect(loadConfig({ ...VALID_ENV, SLACK_API_URL: 'http://127.0.0.1:9/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });

  it('rejects a SLACK_API_URL that is not a URL', () => {
    expect(problemsFor({ ...VALID_ENV, SLACK_API_URL: 'not a url' })).toEqual([
      expect.stringContaining('SLACK_API_URL is not a valid URL'),
    ]);
  });
});

describe('audit settings', () => {
  it('defaults the database path', () => {
    expect(loadConfig(VALID_ENV).auditDbPath).toBe('./data/audit.sqlite3');
  });

  it('accepts a channel id', () => {
    expect(loadConfig({ ...VALID_ENV, AUDIT_CHANNEL_ID: 'C0SECURITY' }).auditChannelId).toBe('C0SECURITY');
  });

  it('rejects a channel name', () => {
    expect(problemsFor({ ...VALID_ENV, AUDIT_CHANNEL_ID: '#security' })).toEqual([
      expect.stringContaining('AUDIT_CHANNEL_ID must be a channel ID'),
    ]);
  });
});
