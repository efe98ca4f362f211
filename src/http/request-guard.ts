import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Largest request body accepted on the events endpoint, in bytes. Slack caps a view at 250 kB, and
 * form-encoding a JSON payload at most triples its size, so a real view_submission stays below this.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Slack's replay window: a request whose timestamp is further than this from local time is rejected. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type RejectionReason =
  | 'body_too_large'
  | 'missing_signature_headers'
  | 'invalid_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'signature_mismatch';

export type GuardVerdict =
  | { ok: true; rawBody: Buffer }
  | { ok: false; status: 401 | 413; reason: RejectionReason };

export interface RequestGuardOptions {
  signingSecret: string;
  maxBodyBytes?: number;
  /** Current time in ms since the epoch. */
  now?: () => number;
}

/**
 * Applies Slack's request verification rules before Bolt parses anything. Both signature headers must be
 * present, and the timestamp within five minutes in either direction (Bolt 5.1 only rejects old ones). The
 * body must fit in `maxBodyBytes`, and its HMAC-SHA256 signature is compared in constant time.
 * Unsigned `ssl_check=1` probes pass through, because Bolt responds to them without running any listener.
 */
export async function checkSlackRequest(
  request: IncomingMessage,
  options: RequestGuardOptions,
): Promise<GuardVerdict> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > maxBodyBytes) {
    return { ok: false, status: 413, reason: 'body_too_large' };
  }

  const rawBody = await readBody(request, maxBodyBytes);
  if (rawBody === undefined) {
    return { ok: false, status: 413, reason: 'body_too_large' };
  }

  const signature = singleHeader(request, 'x-slack-signature');
  const timestamp = singleHeader(request, 'x-slack-request-timestamp');
  if (signature === undefined || timestamp === undefined) {
    return isSslCheck(request, rawBody)
      ? { ok: true, rawBody }
      : { ok: false, status: 401, reason: 'missing_signature_headers' };
  }

  const skewReason = checkTimestamp(timestamp, options.now ?? Date.now);
  if (skewReason !== undefined) {
    return { ok: false, status: 401, reason: skewReason };
  }
  if (!signatureMatches(signature, timestamp, rawBody, options.signingSecret)) {
    return { ok: false, status: 401, reason: 'signature_mismatch' };
  }
  return { ok: true, rawBody };
}

/** Reads the body, or returns undefined as soon as it grows past `maxBytes` and discards the rest. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) {
      request.resume();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function singleHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function checkTimestamp(timestamp: string, now: () => number): RejectionReason | undefined {
  if (!/^\d{1,12}$/.test(timestamp)) {
    return 'invalid_timestamp';
  }
  const skew = Number(timestamp) - Math.floor(now() / 1000);
  if (skew < -MAX_CLOCK_SKEW_SECONDS) {
    return 'stale_timestamp';
  }
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    return 'future_timestamp';
  }
  return undefined;
}

function signatureMatches(signature: string, timestamp: string, rawBody: Buffer, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex');
  const expectedBytes = Buffer.from(`v0=${expected}`);
  const actualBytes = Buffer.from(signature);
  return actualBytes.length === expectedBytes.length && timingSafeEqual(actualBytes, expectedBytes);
}

function isSslCheck(request: IncomingMessage, rawBody: Buffer): boolean {
  const contentType = request.headers['content-type'] ?? '';
  return (
    contentType.startsWith('application/x-www-form-urlencoded') &&
    new URLSearchParams(rawBody.toString('utf8')).get('ssl_check') === '1'
  );
}
