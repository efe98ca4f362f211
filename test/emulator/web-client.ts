import { type Logger, LogLevel, WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from './emulator';

/** Logger that drops everything, so expected API errors in tests print nothing. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** Creates a real `WebClient` pointed at the emulator, without retries unless `options` sets them. */
export function clientFor(
  emulator: SlackEmulator,
  token?: string,
  options: WebClientOptions = {},
): WebClient {
  return new WebClient(token, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...options,
  });
}

/** Body of a failed call, with the method-specific fields such as `needed` or `failed_user_ids`. */
export type PlatformErrorBody = WebAPIPlatformError['data'] & Record<string, unknown>;

/** Awaits a call that must fail with a Slack platform error and returns the response body. */
export async function platformError(call: Promise<unknown>): Promise<PlatformErrorBody> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof WebAPIPlatformError)) throw error;
    const body: PlatformErrorBody = { ...error.data };
    return body;
  }
  throw new Error('Expected the call to fail with a Slack platform error, but it succeeded.');
}
