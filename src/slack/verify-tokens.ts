import type { Logger } from '@slack/bolt';
import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import type { AppConfig } from '../config';
import { CHECK_API_URL_TEXT, unreachableText } from '../messages/slack-connection';
import { StartupError } from '../startup-errors';
import { webClientOptions } from './client-options';
import { isUnreachable, slackErrorCode } from './error-code';

/** Identity of the bot token, passed to Bolt so it skips its own auth.test call. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/** Raised at start-up when a token does not work. The message names the variable to fix. */
export class TokenCheckError extends StartupError {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCheckError';
  }
}

/** Calls auth.test for the bot and admin tokens and logs whose they are; never logs the tokens. */
export async function verifyTokens(config: AppConfig, logger: Logger): Promise<BotIdentity> {
  const bot = await authTest('SLACK_BOT_TOKEN', config.botToken, config, logger);
  if (bot.bot_id === undefined || bot.user_id === undefined) {
    throw new TokenCheckError(
      'SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot_id. Use the xoxb- token.',
    );
  }

  const admin = await authTest('SLACK_ADMIN_TOKEN', config.adminToken, config, logger);
  if (admin.bot_id !== undefined) {
    throw new TokenCheckError(
      'SLACK_ADMIN_TOKEN must be a user token (xoxp-…), but auth.test reports that it belongs to a bot.',
    );
  }
  if (admin.enterprise_id === undefined || admin.enterprise_id === '') {
    logger.warn(
      JSON.stringify({
        event: 'admin_token_not_enterprise',
        message:
          'SLACK_ADMIN_TOKEN does not belong to an Enterprise Grid org, so session resets will fail with feature_not_enabled.',
      }),
    );
  }

  return { botId: bot.bot_id, botUserId: bot.user_id };
}

/**
 * Describes a failed `app.start()` in Socket Mode. Bolt's first call there is apps.connections.open with
 * SLACK_APP_TOKEN, so Slack's error or a network failure from it is reported as a problem with that token
 * or with SLACK_API_URL. Any other error is returned unchanged.
 * NOTE: @slack/socket-mode 3.1 rejects start() only for invalid_auth, not_authed, account_inactive,
 * user_removed_from_team, team_disabled and network or HTTP failures. For other codes, such as missing_scope,
 * it retries apps.connections.open without end and logs each failure, so start-up never reaches this.
 */
export function socketModeStartError(error: unknown, config: AppConfig): unknown {
  if (error instanceof WebAPIPlatformError || isUnreachable(error)) {
    return tokenCheckError('SLACK_APP_TOKEN', 'apps.connections.open', config, error);
  }
  return error;
}

type AuthTestResult = Awaited<ReturnType<WebClient['auth']['test']>>;

async function authTest(
  variable: string,
  token: string,
  config: AppConfig,
  logger: Logger,
): Promise<AuthTestResult> {
  const client = new WebClient(token, webClientOptions(config, logger));

  let result: AuthTestResult;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw tokenCheckError(variable, 'auth.test', config, error);
  }

  logger.info(
    JSON.stringify({
      event: 'token_verified',
      variable,
      enterprise_id: result.enterprise_id ?? null,
      team_id: result.team_id ?? null,
      team: result.team ?? null,
      user_id: result.user_id ?? null,
      user: result.user ?? null,
      bot_id: result.bot_id ?? null,
    }),
  );
  return result;
}

function tokenCheckError(
  variable: string,
  method: string,
  config: AppConfig,
  error: unknown,
): TokenCheckError {
  return new TokenCheckError(tokenCheckMessage(variable, method, config.slackApiUrl, error));
}

/**
 * Describes why checking a token with `method` failed. "Rejected" is kept for Slack's own error responses,
 * such as invalid_auth. A request that got no response names SLACK_API_URL and the cause instead.
 */
export function tokenCheckMessage(
  variable: string,
  method: string,
  slackApiUrl: string,
  error: unknown,
): string {
  if (isUnreachable(error)) {
    return `${unreachableText(slackApiUrl, error)}, so ${variable} could not be checked with ${method}. ${CHECK_API_URL_TEXT}`;
  }

  const code = slackErrorCode(error);
  if (error instanceof WebAPIPlatformError) {
    return `${variable} was rejected by ${method} at ${slackApiUrl} (${code}). ${tokenFix(variable)}`;
  }
  return (
    `${method} for ${variable} failed at ${slackApiUrl} (${code}). Try again in a minute; ` +
    'LOG_LEVEL=debug logs each request.'
  );
}

function tokenFix(variable: string): string {
  if (variable === 'SLACK_APP_TOKEN') {
    return (
      'Create an app-level token with the connections:write scope under Basic Information > App-Level ' +
      'Tokens, and put it in SLACK_APP_TOKEN.'
    );
  }
  return 'Check the token and SLACK_API_URL.';
}
