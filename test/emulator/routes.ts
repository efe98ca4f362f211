import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch } from './dispatch';
import type { FaultQueue } from './faults';
import { readBody, sendJson, sendText } from './http-utils';
import { failure } from './methods/method';
import type { RateLimiter } from './rate-limit';
import { extractToken, parseArgs, withoutToken } from './request-parsing';
import type { EmulatorState } from './state';
import type { Args, Fault, RecordedCall, ResponseUrlPost, TokenType } from './types';

/** Fault key that `fault()` uses for posts to response URLs. */
export const RESPONSE_URL_FAULT_KEY = 'response_url';

/** Parts of the emulator the HTTP routes read and write. */
export interface EmulatorRuntime {
  readonly state: EmulatorState;
  readonly faults: FaultQueue;
  readonly rateLimiter: RateLimiter;
  readonly calls: RecordedCall[];
  readonly responseUrlPosts: ResponseUrlPost[];
  readonly responseUrlIds: ReadonlySet<string>;
  now(): number;
  /** Resolves after `ms`, or rejects when the emulator stops first. */
  wait(ms: number): Promise<void>;
}

interface SentResponse {
  status: number;
  response: unknown;
}

function guessTokenType(token: string): TokenType | undefined {
  if (token.startsWith('xoxb-')) return 'bot';
  if (token.startsWith('xoxp-')) return 'user';
  if (token.startsWith('xapp-')) return 'app';
  return undefined;
}

/** Sends the response the fault prescribes and returns it, or returns undefined when the fault only delays. */
function respondWithFault(fault: Fault, response: ServerResponse): SentResponse | undefined {
  if (fault.destroySocket) {
    response.destroy();
    return { status: 0, response: undefined };
  }
  if (fault.status === 429) {
    const body = failure('ratelimited');
    const headers: Record<string, string> =
      fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
    sendJson(response, 429, body, headers);
    return { status: 429, response: body };
  }
  if (fault.status !== undefined) {
    const text = `${fault.status} emulated server error`;
    sendText(response, fault.status, text);
    return { status: fault.status, response: text };
  }
  if (fault.error !== undefined) {
    const body = failure(fault.error);
    sendJson(response, 200, body);
    return { status: 200, response: body };
  }
  return undefined;
}

/** Applies the first matching fault, after its delay if it has one, and returns the response it sent, if any. */
async function applyFault(
  runtime: EmulatorRuntime,
  key: string,
  args: Args,
  response: ServerResponse,
): Promise<SentResponse | undefined> {
  const fault = runtime.faults.take(key, args);
  if (fault === undefined) return undefined;
  if (fault.delayMs !== undefined && fault.delayMs > 0) await runtime.wait(fault.delayMs);
  return respondWithFault(fault, response);
}

function respondRateLimited(response: ServerResponse, retryAfter: number): SentResponse {
  const body = failure('ratelimited');
  sendJson(response, 429, body, { 'retry-after': String(retryAfter) });
  return { status: 429, response: body };
}

interface ApiRequest {
  method: string;
  args: Args;
  token: string | undefined;
}

/** Runs the method and sends its result with the scope headers Slack adds. */
function respondWithMethodResult(runtime: EmulatorRuntime, call: ApiRequest, response: ServerResponse) {
  const result = dispatch(runtime.state, call.method, call.args, call.token, runtime.now());
  const headers: Record<string, string> = {};
  if (result.token !== undefined) headers['x-oauth-scopes'] = result.token.scopes.join(',');
  if (result.spec?.scope !== undefined) headers['x-accepted-oauth-scopes'] = result.spec.scope;
  sendJson(response, 200, result.body, headers);
  return { status: 200, response: result.body, tokenType: result.token?.type };
}

async function handleApiRequest(
  runtime: EmulatorRuntime,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const at = runtime.now();
  const method = decodeURIComponent(url.pathname.slice('/api/'.length));
  const rawBody = await readBody(request);
  const parsed = parseArgs(rawBody, request.headers['content-type'], url.search.slice(1));
  const args = parsed ?? {};
  const token = extractToken(request.headers, args);
  const record = (
    sent: SentResponse,
    tokenType = token === undefined ? undefined : guessTokenType(token),
  ) => {
    runtime.calls.push({ method, token, tokenType, args: withoutToken(args), at, ...sent });
  };

  const faulted = await applyFault(runtime, method, args, response);
  if (faulted !== undefined) return record(faulted);
  if (parsed === undefined) {
    const body = failure('invalid_form_data');
    sendJson(response, 200, body);
    return record({ status: 200, response: body });
  }
  const retryAfter = runtime.rateLimiter.check(method, token, runtime.now());
  if (retryAfter !== undefined) return record(respondRateLimited(response, retryAfter));
  const { tokenType, ...sent } = respondWithMethodResult(runtime, { method, args, token }, response);
  record(sent, tokenType);
}

function parseResponseUrlBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}

/** Records a post to a URL from `createResponseUrl()`. Unknown ids get 404. */
async function handleResponseUrl(
  runtime: EmulatorRuntime,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
): Promise<void> {
  const rawBody = await readBody(request);
  if (!runtime.responseUrlIds.has(id)) return sendText(response, 404, 'no such response URL');
  const body = parseResponseUrlBody(rawBody);
  const faulted = await applyFault(runtime, RESPONSE_URL_FAULT_KEY, { id, body }, response);
  if (faulted !== undefined) return;
  runtime.responseUrlPosts.push({ id, body, at: runtime.now() });
  sendText(response, 200, 'ok');
}

/** Routes `/api/<method>` and `/response/<id>`. Everything else gets 404. */
export async function routeRequest(
  runtime: EmulatorRuntime,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/') && (request.method === 'POST' || request.method === 'GET')) {
    return handleApiRequest(runtime, request, response, url);
  }
  if (url.pathname.startsWith('/response/') && request.method === 'POST') {
    return handleResponseUrl(runtime, request, response, url.pathname.slice('/response/'.length));
  }
  sendText(response, 404, 'not found');
}
