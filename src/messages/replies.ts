import type { RefusalReason } from '../access/access-policy';
import type { IgnoredEntry } from '../targets/parse-command-text';
import { escapeMrkdwn } from '../views/mrkdwn';

export const HELP_TEXT = [
  '*Reset Sessions* signs people out of Slack on every device, after you confirm in a form.',
  '',
  '`/reset-sessions @alice @bob`: open the form with these people chosen',
  '`/reset-sessions W0123ABCD alice@example.com`: user IDs and email addresses work too',
  '`/reset-sessions`: open the form and choose people there',
  '`/reset-sessions @group` or a pasted list of user IDs and emails: reset many people; you confirm the count first',
  '`/reset-sessions history`: show recent requests, newest first',
  '`/reset-sessions history @alice`: show the requests that touched one person',
  '`/reset-sessions sessions @alice`: list where one person is signed in, and sign out single sessions',
  '`/reset-sessions help`: show this message',
  '',
  'In the form you choose which sessions end (all, mobile only or web only) and give a reason, which is recorded.',
].join('\n');

const ENABLE_ACCESS =
  'Access is granted in the app configuration: ALLOWED_USER_IDS lists user IDs and ALLOWED_USERGROUP_IDS lists user groups whose members may reset sessions.';

/** Tells a refused requester why, and who can change it. */
export function refusalText(reason: RefusalReason, userId: string): string {
  if (reason === 'lookup_failed') {
    return "You were not let in because Slack could not confirm your user group membership just now. Try again in a minute; if it keeps failing, check the app's usergroups:read scope.";
  }
  if (reason === 'no_allowlist') {
    return `Nobody may reset sessions yet, because this app has no allowed users configured. ${ENABLE_ACCESS} Ask the admin who runs Reset Sessions to set one and restart it.`;
  }
  return `You are not allowed to reset sessions. ${ENABLE_ACCESS} Ask the admin who runs Reset Sessions to add your user ID (${userId}) or one of your user groups.`;
}

/** Ignored entries named one by one; the rest are only counted, so a long paste keeps the modal within Slack's size limit. */
const IGNORED_SHOWN_MAX = 20;

/** Lines for the modal about entries that named nobody, repeats, and emails that matched no one. */
export function ignoredEntryNotes(ignored: readonly IgnoredEntry[], duplicateCount: number): string[] {
  const notes = ignored
    .slice(0, IGNORED_SHOWN_MAX)
    .map((entry) => `:heavy_minus_sign: Ignored \`${escapeMrkdwn(entry.text)}\`: ${entry.reason}.`);
  const hidden = ignored.length - IGNORED_SHOWN_MAX;
  if (hidden > 0) {
    notes.push(`:heavy_minus_sign: ${hidden} more ${hidden === 1 ? 'entry was' : 'entries were'} ignored.`);
  }
  if (duplicateCount > 0) {
    notes.push(
      `:heavy_minus_sign: Ignored ${duplicateCount} repeated ${duplicateCount === 1 ? 'entry' : 'entries'}.`,
    );
  }
  return notes;
}

/** Shown in the reset form while the email addresses from the command are looked up. */
export function emailLookupNote(count: number): string {
  return `:hourglass_flowing_sand: Looking up ${count} email ${count === 1 ? 'address' : 'addresses'}…`;
}

export const OPEN_MODAL_FAILED_TEXT =
  'The reset form could not be opened: Slack rejected it or the 3-second trigger expired. Nothing was changed. Run the command again; the app log has the Slack error code.';

export const SESSIONS_USAGE_TEXT =
  'Name one person whose sessions to list: `/reset-sessions sessions @person`, a user ID or an email address.';

export const OPEN_SESSIONS_FAILED_TEXT =
  'The sessions list could not be opened because Slack did not accept it in time. Run the command again.';

/** Sent for a command or form that arrives after shutdown began; the restarted app can take it. */
export const RESTARTING_TEXT =
  'Reset Sessions is restarting, so it did not take this request. Nothing was changed. Try again in a minute.';
