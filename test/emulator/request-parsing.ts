import type { IncomingHttpHeaders } from 'node:http';
import { isRecord } from './args';
import type { Args } from './types';

/**
 * Form fields that `@slack/web-api` sends as JSON strings because their values are objects or arrays.
 * Only these are decoded, so a text such as "[1,2]" stays a string.
 */
const JSON_FORM_FIELDS = new Set(['view', 'blocks', 'attachments', 'user_ids', 'metadata']);

function decodeFormField(name: string, value: string): unknown {
  if (!JSON_FORM_FIELDS.has(name)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // Left as a string, so the method can return invalid_arguments for that field.
    return value;
  }
}

function parseForm(text: string): Args {
  const args: Args = {};
  for (const [name, value] of new URLSearchParams(text)) args[name] = decodeFormField(name, value);
  return args;
}

/**
 * Parses a Web API request body (form-encoded or JSON) merged over the query string.
 * Returns undefined when a JSON body does not parse to an object.
 */
export function parseArgs(rawBody: string, contentType: string | undefined, query: string): Args | undefined {
  const fromQuery = parseForm(query);
  if (contentType?.toLowerCase().includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      return isRecord(parsed) ? { ...fromQuery, ...parsed } : undefined;
    } catch {
      return undefined;
    }
  }
  return { ...fromQuery, ...parseForm(rawBody) };
}

/** Reads the token from `Authorization: Bearer` first, then from a `token` argument. */
export function extractToken(headers: IncomingHttpHeaders, args: Args): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (match?.[1] !== undefined) return match[1];
  return typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
}

export function withoutToken(args: Args): Args {
  const { token: _token, ...rest } = args;
  return rest;
}
