import type { Button, ConfirmationDialog, SectionBlock } from '@slack/types';
import type { SessionDevice, UserSession } from '../slack/session-admin';
import { escapeMrkdwn } from './mrkdwn';
import { SESSION_ACTIONS, sessionTargetValue } from './sessions-actions';

/** Slack's limits on a confirmation dialog's title and text. */
const CONFIRM_TITLE_MAX = 100;
const CONFIRM_TEXT_MAX = 300;
/** Maximum length of a device field as shown. Real values are a few dozen characters. */
const DEVICE_FIELD_MAX = 200;

/**
 * Sorts sessions newest first. `admin.users.session.list` returns no timestamps, so the session id is used
 * in place of the sign-in time.
 */
export function sortNewestFirst(sessions: readonly UserSession[]): UserSession[] {
  // NOTE: that Slack issues session ids in increasing order is an assumption; Slack does not document it.
  return [...sessions].sort((left, right) => right.sessionId - left.sessionId);
}

/**
 * Plain text such as `iPhone, iOS 17.5, Slack 24.06.10, IP 198.51.100.3`. Missing fields are left out, and
 * each field is cut to `DEVICE_FIELD_MAX` characters so a row stays within a section's 3,000.
 */
export function describeDevice(device: SessionDevice): string {
  const field = (value: string | undefined) =>
    value === undefined ? undefined : truncate(value, DEVICE_FIELD_MAX);
  const system = [field(device.os), field(device.os_version)].filter(isPresent).join(' ');
  const client = field(device.slack_client_version);
  const ip = field(device.ip);
  const parts = [
    field(device.device_hardware),
    system,
    isPresent(client) ? `Slack ${client}` : undefined,
    isPresent(ip) ? `IP ${ip}` : undefined,
  ].filter(isPresent);
  return parts.length > 0 ? parts.join(', ') : 'unknown device';
}

/**
 * Describes the device as last seen, with its workspace. The audit record keeps this as the session summary.
 */
export function sessionSummary(session: UserSession): string {
  return `${describeDevice(session.recent ?? session.created)} (workspace ${session.teamId})`;
}

/** One session: device, OS, client version, IP at sign-in and last seen, workspace, and a sign-out button. */
export function sessionRow(session: UserSession): SectionBlock {
  const latest = session.recent ?? session.created;
  const heading = truncate(
    [latest.device_hardware, [latest.os, latest.os_version].filter(isPresent).join(' ')]
      .filter(isPresent)
      .join(', '),
    DEVICE_FIELD_MAX,
  );
  const lastSeen =
    session.recent !== undefined ? escapeMrkdwn(describeDevice(session.recent)) : 'no change since sign-in';

  const lines = [
    `*${escapeMrkdwn(heading || 'Unknown device')}*  ·  workspace \`${session.teamId}\`  ·  session \`${session.sessionId}\``,
    `Signed in: ${escapeMrkdwn(describeDevice(session.created))}`,
    `Last seen: ${lastSeen}`,
  ];

  return {
    type: 'section',
    block_id: `session_${session.sessionId}`,
    text: { type: 'mrkdwn', text: lines.join('\n') },
    accessory: signOutButton(session),
  };
}

function signOutButton(session: UserSession): Button {
  return {
    type: 'button',
    action_id: SESSION_ACTIONS.invalidate,
    text: { type: 'plain_text', text: 'Sign out this session' },
    style: 'danger',
    value: sessionTargetValue({
      sessionId: session.sessionId,
      userId: session.userId,
      teamId: session.teamId,
    }),
    confirm: signOutConfirmation(session),
  };
}

function signOutConfirmation(session: UserSession): ConfirmationDialog {
  const text =
    `Only the session on ${sessionSummary(session)} ends; the person's other sessions stay signed in. ` +
    'The reason you typed above is recorded.';
  return {
    title: { type: 'plain_text', text: truncate('Sign out this session?', CONFIRM_TITLE_MAX) },
    text: { type: 'plain_text', text: truncate(text, CONFIRM_TEXT_MAX) },
    confirm: { type: 'plain_text', text: 'Sign out' },
    deny: { type: 'plain_text', text: 'Cancel' },
    style: 'danger',
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isPresent(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
