import type { AuditStatus, HistoryQuery } from './audit-store';

/** Raised when a write names a request id that was never begun or refused. */
export class UnknownAuditRequestError extends Error {
  constructor(readonly requestId: string) {
    super(
      `Audit request "${requestId}" not found. Call beginRequest before recording outcomes or completing it.`,
    );
    this.name = 'UnknownAuditRequestError';
  }
}

/** Raised when an outcome or completion arrives for a request that is already closed. */
export class AuditRequestNotOpenError extends Error {
  constructor(
    readonly requestId: string,
    readonly status: AuditStatus,
  ) {
    super(`Audit request "${requestId}" is ${status}, not open, so it accepts no more outcomes.`);
    this.name = 'AuditRequestNotOpenError';
  }
}

/** Raised when a correlation id is reused, because each id must name exactly one request. */
export class DuplicateAuditRequestError extends Error {
  constructor(readonly requestId: string) {
    super(`Audit request "${requestId}" already exists. Generate a new correlation id for each request.`);
    this.name = 'DuplicateAuditRequestError';
  }
}

/** Raised when a request is begun with the submission key of an earlier request. */
export class DuplicateSubmissionKeyError extends Error {
  constructor(readonly submissionKey: string) {
    super(
      `An audit request with submission key "${submissionKey}" already exists. Look it up with ` +
        'findBySubmissionKey instead of starting the run again.',
    );
    this.name = 'DuplicateSubmissionKeyError';
  }
}

/**
 * Checks that a date can be stored as fixed-width ISO-8601 text. Years outside 0000–9999 would gain a sign
 * and extra digits, which breaks the text ordering that date range queries rely on.
 */
export function requireStorableDate(date: Date, field: string): Date {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`${field} is an invalid Date.`);
  }

  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new RangeError(`${field} must fall in the years 0000–9999, got ${date.toISOString()}.`);
  }
  return date;
}

export function requireValidPage(query: HistoryQuery): void {
  if (!Number.isInteger(query.limit) || query.limit < 0) {
    throw new RangeError(`History limit must be a non-negative integer, got ${query.limit}.`);
  }
  if (!Number.isInteger(query.offset) || query.offset < 0) {
    throw new RangeError(`History offset must be a non-negative integer, got ${query.offset}.`);
  }
}
