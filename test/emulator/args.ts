import type { Args } from './types';

/**
 * Error thrown by the argument readers. The dispatcher turns it into Slack's
 * `{ ok: false, error: 'invalid_arguments', response_metadata: { messages } }`.
 */
export class InvalidArgumentError extends Error {
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`[ERROR] ${problem} [json-pointer:/${argument}]`);
    this.name = 'InvalidArgumentError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a non-empty string argument, or undefined when it is absent or empty. */
export function readString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new InvalidArgumentError(name, 'must be a string');
  return value;
}

export function requireString(args: Args, name: string): string {
  const value = readString(args, name);
  if (value === undefined) throw new InvalidArgumentError(name, 'is required');
  return value;
}

/** Reads a flag sent as a JSON boolean, as one of the strings `true`, `false`, `1`, `0`, or as the number 1 or 0. */
export function readBoolean(args: Args, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  throw new InvalidArgumentError(name, 'must be a boolean');
}

/** Reads an integer sent as a JSON number or a decimal string. */
export function readInteger(args: Args, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError(name, 'must be an integer');
  }
  return parsed;
}

/** Reads a list sent as a JSON array or as a comma-separated string. */
export function readStringList(args: Args, name: string): string[] | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  if (!Array.isArray(items) || !items.every((item): item is string => typeof item === 'string')) {
    throw new InvalidArgumentError(name, 'must be an array of strings');
  }
  return items.filter((item) => item !== '');
}
