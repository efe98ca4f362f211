import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AppConfig } from '../config';
import { slackErrorCode } from './error-code';

/** Identity of the bot token, passed to Bolt so it skips its own auth.test call. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/** Raised at start-up when a token does not work; the message says which variable to fix. */
export class TokenCheckError extends Error {
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
      'SLACK_ADMIN_TOKEN must be a user token (xoxp-…), but auth.test says it belongs to a bot.',
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

type AuthTestResult = Awaited<ReturnType<WebClient['auth']['test']>>;

async function authTest(
  variable: string,
  token: string,
  config: AppConfig,
  logger: Logger,
): Promise<AuthTestResult> {
  const client = new WebClient(token, {
    slackApiUrl: config.slackApiUrl,
    allowAbsoluteUrls: false,
    retryConfig: { retries: 2, minTimeout: 500, maxTimeout: 2_000 },
    timeout: 10_000,
  });

  let result: AuthTestResult;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw new TokenCheckError(
      `${variable} was rejected by auth.test at ${config.slackApiUrl} (${slackErrorCode(error)}). Check the token and SLACK_API_URL.`,
    );
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
