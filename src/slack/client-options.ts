import type { Logger } from '@slack/logger';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';

/**
 * Retries for every Web API client except the admin one, which `SessionAdmin` configures itself. A call
 * that fails three times is reported within seconds, instead of being retried for about 30 minutes as
 * @slack/web-api 8.2 does by default.
 */
export const WEB_API_RETRY_CONFIG: RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2_000,
};

/** The settings that every Web API client of the app and of the command-line tool shares. */
export interface WebApiSettings {
  slackApiUrl: string;
  /** Timeout of one request attempt, from SLACK_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs: number;
}

/**
 * Builds `WebClient` options: requests go only to SLACK_API_URL (absolute URLs as method names are
 * refused), each attempt times out after SLACK_REQUEST_TIMEOUT_MS, and retries are bounded.
 */
export function webClientOptions(settings: WebApiSettings, logger?: Logger): WebClientOptions {
  return {
    slackApiUrl: settings.slackApiUrl,
    allowAbsoluteUrls: false,
    timeout: settings.requestTimeoutMs,
    retryConfig: WEB_API_RETRY_CONFIG,
    ...(logger === undefined ? {} : { logger }),
  };
}
