import { MAX_LIST_ENTRIES } from '../config';

/** Shown wherever a dry run is reported: the modal, the direct message and the command-line output. */
export const DRY_RUN_NOTICE =
  'Dry run: everything was checked and recorded, but nobody was signed out and no admin call was made.';

/** Shown before a dry run starts. */
export const DRY_RUN_PREVIEW =
  'Dry run: the app checks and records everything, but signs nobody out and makes no admin call.';

/** Shown in the form when DRY_RUN=true is set for the whole app. */
export const DRY_RUN_FORCED_TEXT =
  ':test_tube: This app runs in dry run mode (DRY_RUN=true): requests are checked and recorded, but nobody is signed out.';

/** Explains why a bulk outcome reads "queued" and not "signed out". */
export const QUEUED_EXPLANATION =
  'Slack accepted these resets as a queued job (admin.users.session.resetBulk), so some sessions may stay active for a short while. Pick someone under *Check sessions* to list what they still have.';

/** Rejects a request that names more people than MAX_TARGETS_PER_REQUEST allows, and tells how to raise it. */
export function tooManyPeopleText(count: number, max: number): string {
  return (
    `This request names ${count.toLocaleString('en-US')} people, but one request may reset at most ` +
    `${max.toLocaleString('en-US')} (MAX_TARGETS_PER_REQUEST). Nothing was changed. Split the list into ` +
    `several requests, or ask the admin who runs Reset Sessions to raise MAX_TARGETS_PER_REQUEST (up to ` +
    `${MAX_LIST_ENTRIES.toLocaleString('en-US')}) and restart the app.`
  );
}

export function tooManyEntriesText(count: number): string {
  return (
    `That list has ${count.toLocaleString('en-US')} entries, but one request takes at most ` +
    `${MAX_LIST_ENTRIES.toLocaleString('en-US')}. Split it into several requests.`
  );
}

export const CONFIRMATION_EXPIRED_TEXT =
  'This confirmation has expired, or the app restarted since it was shown, so nothing was changed. Run `/reset-sessions` again.';

export const NOBODY_LEFT_TEXT =
  'Nobody is left to sign out: every entry was not found, repeated, or left out. Nothing was changed.';

export const RETRY_NOTHING_TEXT = 'That request has no failed people left to retry.';

/** Prefix for the reason of a request that retries another request's failures. */
export function retryReason(correlationId: string, reason: string): string {
  return `Retry of failures from ${correlationId}: ${reason}`;
}

export function peopleCount(count: number): string {
  return count === 1 ? '1 person' : `${count.toLocaleString('en-US')} people`;
}
