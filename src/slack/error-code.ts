import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';

/** Codes this app adds for failures that never reached a Slack answer. */
export const LOCAL_ERROR_CODES = {
  requestTimeout: 'request_timeout',
  requestFailed: 'request_failed',
  httpError: 'http_error',
  unexpected: 'unexpected_error',
  /** Not sent to Slack because the app was shutting down and its wait for running work had run out. */
  shuttingDown: 'shutting_down',
} as const;

// When @slack/web-api 8.2 runs out of retries after 429s, it throws a WebAPIRequestError whose `original`
// is a plain Error carrying only this text.
const RATE_LIMIT_EXHAUSTED = /rate limit was exceeded/i;

/** Reduces anything a `WebClient` call throws to one Slack-style error code for messages and audit records. */
export function slackErrorCode(error: unknown): string {
  if (error instanceof WebAPIPlatformError) {
    return error.data.error;
  }
  if (error instanceof WebAPIRateLimitedError) {
    return 'ratelimited';
  }
  if (error instanceof WebAPIHTTPError) {
    return error.statusCode === 503 ? 'service_unavailable' : LOCAL_ERROR_CODES.httpError;
  }
  if (error instanceof WebAPIRequestError) {
    if (RATE_LIMIT_EXHAUSTED.test(error.original.message)) {
      return 'ratelimited';
    }
    return isTimeout(error.original) ? LOCAL_ERROR_CODES.requestTimeout : LOCAL_ERROR_CODES.requestFailed;
  }
  if (error instanceof Error && RATE_LIMIT_EXHAUSTED.test(error.message)) {
    return 'ratelimited';
  }
  return LOCAL_ERROR_CODES.unexpected;
}

/** Codes for failures where no Slack response arrived: the network, a timeout, or an HTTP status Slack does not use. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  LOCAL_ERROR_CODES.requestFailed,
  LOCAL_ERROR_CODES.requestTimeout,
  LOCAL_ERROR_CODES.httpError,
  'service_unavailable',
]);

/** Tells whether a `WebClient` call failed before Slack sent any response, so the fix is the network or SLACK_API_URL. */
export function isUnreachable(error: unknown): boolean {
  return UNREACHABLE_CODES.has(slackErrorCode(error));
}

// A system error code such as ECONNREFUSED, ENOTFOUND or UND_ERR_CONNECT_TIMEOUT.
const SYSTEM_ERROR_CODE = /^[A-Z][A-Z0-9_]{2,}$/;

/**
 * Returns why a request got no Slack response: the system error code (ECONNREFUSED), "request timed out" or
 * the HTTP status. It reads only codes, statuses and the transport's own message, never the request, so
 * no token can appear in it. Under Jest, @slack/web-api 8.2 replaces fetch's error with a copy that has no
 * `cause`, so the text is then the generic "TypeError: fetch failed".
 */
export function requestFailureCause(error: unknown): string {
  if (error instanceof WebAPIHTTPError) {
    return `HTTP ${error.statusCode}${error.statusMessage ? ` ${error.statusMessage}` : ''}`;
  }
  if (!(error instanceof WebAPIRequestError)) {
    return slackErrorCode(error);
  }
  if (isTimeout(error.original)) {
    return 'request timed out';
  }
  const cause: unknown = error.original.cause;
  if (typeof cause === 'object' && cause !== null) {
    const code = 'code' in cause ? cause.code : undefined;
    if (typeof code === 'string' && SYSTEM_ERROR_CODE.test(code)) {
      return code;
    }
    if ('message' in cause && typeof cause.message === 'string') {
      return cause.message;
    }
  }
  return error.original.message;
}

function isTimeout(error: Error): boolean {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return true;
  }
  // @slack/web-api 8.2 wraps a thrown value that is not an Error of this realm (fetch's DOMException under
  // Jest's VM, for one) in `new Error(String(value))`, which keeps the name only at the start of the message.
  return /^(TimeoutError|AbortError):/.test(error.message);
}
