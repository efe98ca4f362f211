/** A piece of the command text that names no person, with the reason it was skipped. */
export interface IgnoredEntry {
  text: string;
  reason: string;
}

/** The people named in `/reset-sessions` text or a pasted list, before emails and user groups are looked up. */
export interface ParsedTargets {
  userIds: string[];
  emails: string[];
  /** User groups (`S…`), named by a `<!subteam^S…>` mention or a bare id; their members are looked up later. */
  usergroupIds: string[];
  ignored: IgnoredEntry[];
  duplicateCount: number;
}

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const BARE_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MAILTO_LINK = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
// Deliberately loose: Slack's users.lookupByEmail makes the final call on whether an address exists.
const EMAIL = /^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/;
const CHANNEL = /^<#[CGD][A-Z0-9]+(?:\|[^>]*)?>$/;
const SPECIAL_MENTION = /^<!(here|channel|everyone)(?:\|[^>]*)?>$/;
const USERGROUP_MENTION = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/;
const BARE_USERGROUP_ID = /^S[A-Z0-9]{2,}$/;
const SHOWN_TEXT_MAX = 80;

/** Splits command text on whitespace and commas, keeping `<…>` escapes whole even when their label has spaces. */
export function splitEntries(text: string): string[] {
  return text.match(/<[^>]*>|[^\s,<]+/g) ?? [];
}

/** Sorts every entry of the command text into user ids, emails or ignored entries, dropping repeats. */
export function parseTargets(text: string): ParsedTargets {
  const result: ParsedTargets = { userIds: [], emails: [], usergroupIds: [], ignored: [], duplicateCount: 0 };
  const seen = new Set<string>();

  for (const entry of splitEntries(text)) {
    const target = classifyEntry(entry);
    if ('reason' in target) {
      result.ignored.push({ text: shorten(entry), reason: target.reason });
      continue;
    }

    const key = targetKey(target);
    if (seen.has(key)) {
      result.duplicateCount += 1;
      continue;
    }
    seen.add(key);

    if (target.userId !== undefined) {
      result.userIds.push(target.userId);
    } else if (target.email !== undefined) {
      result.emails.push(target.email);
    } else {
      result.usergroupIds.push(target.usergroupId);
    }
  }
  return result;
}

type Target =
  | { userId: string; email?: undefined; usergroupId?: undefined }
  | { userId?: undefined; email: string; usergroupId?: undefined }
  | { userId?: undefined; email?: undefined; usergroupId: string };

type ClassifiedEntry = Target | { reason: string };

function targetKey(target: Target): string {
  if (target.userId !== undefined) {
    return target.userId;
  }
  return target.email ?? target.usergroupId;
}

function classifyEntry(entry: string): ClassifiedEntry {
  const mention = USER_MENTION.exec(entry) ?? (BARE_USER_ID.test(entry) ? [entry, entry] : null);
  if (mention?.[1] !== undefined) {
    return { userId: mention[1] };
  }

  const usergroupId =
    USERGROUP_MENTION.exec(entry)?.[1] ?? (BARE_USERGROUP_ID.test(entry) ? entry : undefined);
  if (usergroupId !== undefined) {
    return { usergroupId };
  }

  const mailto = MAILTO_LINK.exec(entry)?.[1];
  const email = mailto ?? entry;
  if (EMAIL.test(email)) {
    return { email: email.toLowerCase() };
  }

  return { reason: reasonToIgnore(entry) };
}

function reasonToIgnore(entry: string): string {
  if (CHANNEL.test(entry)) {
    return 'a channel, not a person';
  }
  if (SPECIAL_MENTION.test(entry)) {
    return 'a group notification, not a person';
  }
  if (entry.startsWith('@')) {
    return 'a plain name Slack did not turn into a mention; pick the person from the autocomplete list';
  }
  return 'not a user mention, user ID or email address';
}

function shorten(text: string): string {
  return text.length > SHOWN_TEXT_MAX ? `${text.slice(0, SHOWN_TEXT_MAX - 1)}…` : text;
}
