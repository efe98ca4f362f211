import { createHmac } from 'node:crypto';
import type { ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { Block, KnownBlock, PlainTextElement } from '@slack/types';
import { ADMIN_ID, APP_ID, BOT_ID, ENTERPRISE_ID, GENERAL_CHANNEL_ID, TEAM_ID } from '../emulator/fixture';

/** Slack tells apps to reject requests whose timestamp is more than this many seconds off (replay protection). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Sent as the deprecated verification `token` field. Apps that check signatures must not rely on it. */
const LEGACY_VERIFICATION_TOKEN = 'legacy-verification-token';
const ENTERPRISE_NAME = 'Example Org';

export interface SlackSignatureHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
}

function currentTimestampSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Signs a request body as Slack does: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function signRequest(
  rawBody: string,
  signingSecret: string,
  timestampSeconds = currentTimestampSeconds(),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return { 'X-Slack-Signature': `v0=${digest}`, 'X-Slack-Request-Timestamp': String(timestampSeconds) };
}

/**
 * How a request is signed. Every mode except `valid` produces a request that fails Slack's verification rules:
 * - `wrong-secret`: signed with another secret.
 * - `stale-timestamp`: signed correctly, but the timestamp is 6 minutes old.
 * - `future-timestamp`: signed correctly, but the timestamp is 6 minutes ahead. Bolt 5.1's own check only
 *   rejects old timestamps, so an app relying on it accepts this one.
 * - `missing-headers`: no signature or timestamp header.
 * - `tampered-body`: signed, then the body is changed before sending.
 */
export type SignatureMode =
  | 'valid'
  | 'wrong-secret'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'missing-headers'
  | 'tampered-body';

export interface DeliveryOptions {
  /** Defaults to `valid`. */
  signature?: SignatureMode;
  /** Timestamp to sign with, in seconds. It overrides the offsets of the timestamp modes. */
  timestampSeconds?: number;
  /** Changes the body after signing in `tampered-body` mode. By default a form field is appended. */
  tamperBody?: (rawBody: string) => string;
  /** Extra headers, sent after the signature headers so they can override them. */
  headers?: Record<string, string>;
  /** Request timeout in ms, 10 000 by default. */
  timeoutMs?: number;
}

export interface DeliveryResult {
  status: number;
  body: string;
}

function timestampFor(mode: SignatureMode, options: DeliveryOptions): number {
  if (options.timestampSeconds !== undefined) return options.timestampSeconds;
  const skew = MAX_CLOCK_SKEW_SECONDS + 60;
  if (mode === 'stale-timestamp') return currentTimestampSeconds() - skew;
  if (mode === 'future-timestamp') return currentTimestampSeconds() + skew;
  return currentTimestampSeconds();
}

function signatureHeaders(
  rawBody: string,
  signingSecret: string,
  options: DeliveryOptions,
): Record<string, string> {
  const mode = options.signature ?? 'valid';
  if (mode === 'missing-headers') return {};
  const secret = mode === 'wrong-secret' ? `${signingSecret}-wrong` : signingSecret;
  return { ...signRequest(rawBody, secret, timestampFor(mode, options)) };
}

/** Sends `rawBody` to `url` signed per `options`, and returns the HTTP status and response text. */
export async function postSigned(
  url: string,
  rawBody: string,
  signingSecret: string,
  contentType: string,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const headers = {
    'Content-Type': contentType,
    ...signatureHeaders(rawBody, signingSecret, options),
    ...options.headers,
  };
  const tamper = options.tamperBody ?? ((body: string) => `${body}&tampered=true`);
  const sentBody = options.signature === 'tampered-body' ? tamper(rawBody) : rawBody;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: sentBody,
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });
  return { status: response.status, body: await response.text() };
}

function postForm(url: string, fields: Record<string, string>, secret: string, options?: DeliveryOptions) {
  return postSigned(
    url,
    new URLSearchParams(fields).toString(),
    secret,
    'application/x-www-form-urlencoded',
    options,
  );
}

/** Form fields of a slash command request, as Slack sends them (all strings). */
export interface SlashCommandFields {
  token: string;
  command: string;
  text: string;
  response_url: string;
  trigger_id: string;
  user_id: string;
  user_name: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  api_app_id: string;
  enterprise_id: string;
  enterprise_name: string;
  is_enterprise_install: string;
}

/** `trigger_id` and `response_url` come from `emulator.issueTriggerId()` and `emulator.createResponseUrl()`. */
export type SlashCommandInput = Partial<SlashCommandFields> &
  Pick<SlashCommandFields, 'trigger_id' | 'response_url'>;

/** Posts `/reset-sessions` from `W0ADMIN` in `C0GENERAL` of `T0WORK1`, with `fields` replacing the defaults. */
export function postSlashCommand(
  appUrl: string,
  signingSecret: string,
  fields: SlashCommandInput,
  options?: DeliveryOptions,
): Promise<DeliveryResult> {
  return postForm(appUrl, { ...slashCommandFields(fields) }, signingSecret, options);
}

/** Returns the form-encoded body `postSlashCommand` sends, for clients that sign and send it themselves. */
export function slashCommandBody(fields: SlashCommandInput): string {
  return new URLSearchParams({ ...slashCommandFields(fields) }).toString();
}

function slashCommandFields(fields: SlashCommandInput): SlashCommandFields {
  return {
    token: LEGACY_VERIFICATION_TOKEN,
    command: '/reset-sessions',
    text: '',
    user_id: ADMIN_ID,
    user_name: 'admin',
    team_id: TEAM_ID,
    team_domain: 'work-one',
    enterprise_id: ENTERPRISE_ID,
    enterprise_name: ENTERPRISE_NAME,
    channel_id: GENERAL_CHANNEL_ID,
    channel_name: 'general',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    ...fields,
  };
}

/** `state.values` of a submitted view: block_id, then action_id, then the element's value. */
export type StateValues = ViewOutput['state']['values'];

/** Fields of a view to echo back in an interaction payload, e.g. a view stored in `emulator.views`. */
export interface SubmittedViewSource {
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  hash?: string;
  external_id?: string;
  title?: PlainTextElement;
  submit?: PlainTextElement;
  close?: PlainTextElement;
  blocks?: (KnownBlock | Block)[];
  root_view_id?: string | null;
  previous_view_id?: string | null;
}

interface ViewOverrides {
  view?: SubmittedViewSource;
  values?: StateValues;
  viewId?: string;
  privateMetadata?: string;
  callbackId?: string;
  hash?: string;
  teamId: string;
}

/** Builds the `view` object of an interaction payload, explicit overrides first, then `view`, then defaults. */
function buildViewOutput(input: ViewOverrides): ViewOutput {
  const source = input.view ?? {};
  const id = input.viewId ?? source.id ?? 'V0000000001';
  return {
    id,
    team_id: input.teamId,
    type: 'modal',
    callback_id: input.callbackId ?? source.callback_id ?? 'reset_sessions',
    private_metadata: input.privateMetadata ?? source.private_metadata ?? '',
    hash: input.hash ?? source.hash ?? '1.00000000',
    title: source.title ?? { type: 'plain_text', text: 'Reset sessions' },
    submit: source.submit ?? null,
    close: source.close ?? null,
    blocks: source.blocks ?? [],
    state: { values: input.values ?? {} },
    root_view_id: source.root_view_id ?? id,
    previous_view_id: source.previous_view_id ?? null,
    clear_on_close: false,
    notify_on_close: false,
    app_id: APP_ID,
    bot_id: BOT_ID,
    external_id: source.external_id ?? '',
  };
}

/** Org-level identity fields shared by interaction payloads. */
interface InteractionIdentity {
  userId?: string;
  /** The user's workspace, `T0WORK1` by default. */
  teamId?: string;
  /** Payload `team`. Null, the default, is what Slack sends for an app installed on the whole org. */
  team?: { id: string; domain: string } | null;
  isEnterpriseInstall?: boolean;
  triggerId?: string;
}

export interface ViewSubmissionInput extends InteractionIdentity {
  values: StateValues;
  view?: SubmittedViewSource;
  viewId?: string;
  privateMetadata?: string;
  callbackId?: string;
  hash?: string;
}

function postPayload(url: string, payload: object, secret: string, options?: DeliveryOptions) {
  return postForm(url, { payload: JSON.stringify(payload) }, secret, options);
}

/** Posts a `view_submission` of the reset modal, with callback_id `reset_sessions` unless `view` or `callbackId` sets another. */
export function postViewSubmission(
  appUrl: string,
  signingSecret: string,
  input: ViewSubmissionInput,
  options?: DeliveryOptions,
): Promise<DeliveryResult> {
  return postPayload(appUrl, viewSubmissionPayload(input), signingSecret, options);
}

/** Returns the form-encoded body `postViewSubmission` sends, for clients that sign and send it themselves. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  return new URLSearchParams({ payload: JSON.stringify(viewSubmissionPayload(input)) }).toString();
}

function viewSubmissionPayload(input: ViewSubmissionInput): ViewSubmitAction {
  const userId = input.userId ?? ADMIN_ID;
  const teamId = input.teamId ?? TEAM_ID;
  return {
    type: 'view_submission',
    team: input.team ?? null,
    user: { id: userId, name: userId.toLowerCase(), team_id: teamId },
    api_app_id: APP_ID,
    token: LEGACY_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? '1000000000.1000000001.submission',
    view: buildViewOutput({ ...input, teamId }),
    response_urls: [],
    is_enterprise_install: input.isEnterpriseInstall ?? false,
    enterprise: { id: ENTERPRISE_ID, name: ENTERPRISE_NAME },
  };
}

export type ResetScope = 'all' | 'mobile' | 'web';

const SCOPE_LABELS: Record<ResetScope, string> = {
  all: 'All devices',
  mobile: 'Mobile only',
  web: 'Web only',
};

function isResetScope(value: string): value is ResetScope {
  return value in SCOPE_LABELS;
}

/**
 * Builds `state.values` for the reset modal: `targets/users` (multi_users_select), `scope/scope`
 * (radio_buttons) and `reason/reason` (plain_text_input). A scope outside the three options is sent
 * as-is, for tests of forged payloads.
 */
export function resetSubmissionValues(input: {
  users: string[];
  scope?: string;
  reason?: string;
}): StateValues {
  const scope = input.scope;
  const label = scope === undefined ? '' : isResetScope(scope) ? SCOPE_LABELS[scope] : scope;
  return {
    targets: { users: { type: 'multi_users_select', selected_users: [...input.users] } },
    scope: {
      scope: {
        type: 'radio_buttons',
        selected_option:
          scope === undefined ? null : { text: { type: 'plain_text', text: label }, value: scope },
      },
    },
    reason: { reason: { type: 'plain_text_input', value: input.reason ?? null } },
  };
}

export interface BlockActionItem {
  action_id: string;
  block_id: string;
  value?: string;
  /** Element type, `button` by default. */
  type?: string;
  /** The chosen option of a `static_select`. */
  selected_option?: { text: PlainTextElement; value: string };
}

export interface BlockActionsInput extends InteractionIdentity {
  actions: BlockActionItem[];
  /** The modal the action happened in. Without it the action comes from a message in `channelId`. */
  view?: SubmittedViewSource;
  values?: StateValues;
  responseUrl?: string;
  channelId?: string;
  messageTs?: string;
}

function actionContainer(input: BlockActionsInput, viewId: string | undefined): Record<string, unknown> {
  if (viewId !== undefined) return { type: 'view', view_id: viewId };
  return {
    type: 'message',
    message_ts: input.messageTs ?? '1700000000.000001',
    channel_id: input.channelId ?? GENERAL_CHANNEL_ID,
    is_ephemeral: false,
  };
}

/** Posts a `block_actions` payload for buttons or other elements, from a modal or from a message. */
export function postBlockActions(
  appUrl: string,
  signingSecret: string,
  input: BlockActionsInput,
  options?: DeliveryOptions,
): Promise<DeliveryResult> {
  const userId = input.userId ?? ADMIN_ID;
  const teamId = input.teamId ?? TEAM_ID;
  const view = input.view === undefined ? undefined : buildViewOutput({ ...input, teamId });
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    team: input.team ?? null,
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: APP_ID,
    token: LEGACY_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? '1000000000.1000000001.action',
    container: actionContainer(input, view?.id),
    actions: input.actions.map((action) => ({ type: 'button', action_ts: '1700000000.000002', ...action })),
    is_enterprise_install: input.isEnterpriseInstall ?? false,
    enterprise: { id: ENTERPRISE_ID, name: ENTERPRISE_NAME },
  };
  if (view !== undefined) payload.view = view;
  if (input.responseUrl !== undefined) payload.response_url = input.responseUrl;
  if (view === undefined) {
    payload.channel = { id: input.channelId ?? GENERAL_CHANNEL_ID, name: 'general' };
    payload.message = { type: 'message', ts: input.messageTs ?? '1700000000.000001' };
  }
  return postPayload(appUrl, payload, signingSecret, options);
}
