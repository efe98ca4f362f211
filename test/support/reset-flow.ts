import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Block, InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { AuditRecord } from '../../src/audit/audit-store';
import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';
import { type EmulatorView, type RecordedCall, SlackEmulator } from '../emulator';
import { SIGNING_SECRET, startTestApp, type TestApp } from './app-harness';
import {
  type DeliveryResult,
  postSlashCommand,
  postViewSubmission,
  resetSubmissionValues,
  type SlashCommandFields,
} from './slack-requests';

/** A temporary folder for one test file's audit database. */
export interface AuditDbDir {
  dir: string;
  dbPath: string;
  remove(): void;
}

export function makeAuditDbDir(prefix: string): AuditDbDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    dir,
    dbPath: path.join(dir, 'audit.sqlite3'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The app under test and the emulator its clients point at. */
export interface FlowTarget {
  app: TestApp;
  emulator: SlackEmulator;
}

/** Starts the app against `emulator` with its own audit database; `env` overrides the test defaults. */
export async function startFlowApp(
  emulator: SlackEmulator,
  dbPath: string,
  env: Record<string, string> = {},
): Promise<FlowTarget> {
  const app = await startTestApp(emulator.apiUrl, { AUDIT_DB_PATH: dbPath, ...env });
  return { app, emulator };
}

/** An emulator, the app pointed at it and the app's audit database, as `useAppUnderTest` started them. */
export interface StartedApp {
  emulator: SlackEmulator;
  target: FlowTarget;
  db: AuditDbDir;
}

/**
 * Registers Jest hooks in the calling `describe`: `beforeAll` starts an emulator and the app with an audit
 * database in a new temporary folder named after `prefix`, then passes them to `onStart`; `beforeEach` resets
 * the emulator; `afterAll` stops both and deletes the folder. `env` overrides the test defaults.
 */
export function useAppUnderTest(
  prefix: string,
  onStart: (started: StartedApp) => void,
  env: Record<string, string> = {},
): void {
  // Kept one by one, so `afterAll` also cleans up after a start that failed halfway.
  let emulator: SlackEmulator | undefined;
  let db: AuditDbDir | undefined;
  let target: FlowTarget | undefined;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir(prefix);
    target = await startFlowApp(emulator, db.dbPath, env);
    onStart({ emulator, target, db });
  });

  beforeEach(() => {
    emulator?.reset();
  });

  afterAll(async () => {
    await target?.app.stop();
    await emulator?.stop();
    db?.remove();
  });
}

/**
 * Registers Jest hooks for tests that start the app or the CLI themselves: `beforeAll` starts an emulator and
 * creates a temporary audit folder, `beforeEach` resets the emulator, and `afterAll` stops it and deletes the folder.
 */
export function useEmulatorWithDb(
  prefix: string,
  onStart: (emulator: SlackEmulator, db: AuditDbDir) => void,
): void {
  let emulator: SlackEmulator | undefined;
  let db: AuditDbDir | undefined;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir(prefix);
    onStart(emulator, db);
  });

  beforeEach(() => {
    emulator?.reset();
  });

  afterAll(async () => {
    await emulator?.stop();
    db?.remove();
  });
}

export interface SentCommand {
  response: DeliveryResult;
  responseUrl: string;
}

/** Sends `/reset-sessions text` with a fresh trigger_id and response_url. */
export async function sendCommand(
  { app, emulator }: FlowTarget,
  text: string,
  fields: Partial<SlashCommandFields> = {},
): Promise<SentCommand> {
  const responseUrl = emulator.createResponseUrl();
  const response = await postSlashCommand(app.eventsUrl, SIGNING_SECRET, {
    text,
    trigger_id: emulator.issueTriggerId(),
    response_url: responseUrl,
    ...fields,
  });
  return { response, responseUrl };
}

/** Runs the command, waits for the modal, and returns the view id views.open returned. */
export async function openResetModal(target: FlowTarget, text = ''): Promise<string> {
  const { emulator } = target;
  const opened = emulator.callsTo('views.open').length;
  await sendCommand(target, text);
  await emulator.waitFor(() => emulator.callsTo('views.open').length > opened);
  const viewId = responseViewId(emulator.callsTo('views.open')[opened]);
  if (viewId === undefined) {
    throw new Error('views.open returned no view id.');
  }
  return viewId;
}

export interface ResetForm {
  users: string[];
  scope?: string;
  reason?: string;
  /** The submitter, `W0ADMIN` by default. */
  userId?: string;
  /** The modal's view id, which the outcome `views.update` targets. */
  viewId?: string;
}

let submissionCount = 0;

/**
 * Submits the reset modal with the given values, as Slack sends a `view_submission`. Each call sends a new
 * view hash, because the app treats a repeated view id and hash as a second delivery of one submission.
 */
export function submitReset({ app }: FlowTarget, form: ResetForm): Promise<DeliveryResult> {
  submissionCount += 1;
  return postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
    values: resetSubmissionValues({ users: form.users, scope: form.scope, reason: form.reason }),
    privateMetadata: JSON.stringify({ channel_id: 'C0GENERAL' }),
    viewId: form.viewId ?? `V0SUBMIT${submissionCount}`,
    hash: `${submissionCount}.submission`,
    ...(form.userId !== undefined ? { userId: form.userId } : {}),
  });
}

/** Bodies posted to one response_url, oldest first. */
export function repliesTo(emulator: SlackEmulator, responseUrl: string): unknown[] {
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  return emulator.responseUrlPosts.filter((post) => post.id === id).map((post) => post.body);
}

/** Waits for the first post to `responseUrl` and returns its body. */
export async function waitForReply(emulator: SlackEmulator, responseUrl: string): Promise<unknown> {
  await emulator.waitFor(() => repliesTo(emulator, responseUrl).length > 0);
  return repliesTo(emulator, responseUrl)[0];
}

/** `chat.postMessage` calls to one channel or, for a user id, to that user's DM. */
export function postsTo(emulator: SlackEmulator, channel: string): RecordedCall[] {
  return emulator.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
}

/** Waits until `count` messages were posted to `channel` and returns the last of them. */
export async function waitForPost(
  emulator: SlackEmulator,
  channel: string,
  count = 1,
): Promise<RecordedCall> {
  await emulator.waitFor(() => postsTo(emulator, channel).length >= count);
  const post = postsTo(emulator, channel)[count - 1];
  if (post === undefined) {
    throw new Error(`No message number ${count} to ${channel}.`);
  }
  return post;
}

/** Collects every `text` string in a payload (blocks, views, messages), joined by newlines. */
export function collectText(value: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) {
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'text' && typeof child === 'string') {
        texts.push(child);
      } else {
        visit(child);
      }
    }
  };
  visit(value);
  return texts.join('\n');
}

/** Finds the first button with `actionId` in a payload, to replay its click with `postBlockActions`. */
export function findButton(payload: unknown, actionId: string): { value: string } | undefined {
  if (Array.isArray(payload)) {
    for (const item of payload) {
      const found = findButton(item, actionId);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) {
    return undefined;
  }
  if ('action_id' in payload && payload.action_id === actionId && 'value' in payload) {
    return typeof payload.value === 'string' ? { value: payload.value } : undefined;
  }
  return findButton(Object.values(payload), actionId);
}

/** Reads records with a connection of its own, newest first, while the app keeps its connection open. */
export async function readAuditRecords(dbPath: string, targetUserId?: string): Promise<AuditRecord[]> {
  const store = SqliteAuditStore.open(dbPath, { fileMustExist: true });
  try {
    const page = await store.listHistory({
      ...(targetUserId !== undefined ? { targetUserId } : {}),
      limit: 1000,
      offset: 0,
    });
    return page.records;
  } finally {
    await store.close();
  }
}

/**
 * Polls the audit database until a record passes `predicate`, newest first, and returns it. Listeners write
 * some records after they ack, so a record may land a moment after the HTTP response.
 */
export async function waitForAuditRecord(
  dbPath: string,
  predicate: (record: AuditRecord) => boolean = () => true,
  timeoutMs = 5000,
): Promise<AuditRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = (await readAuditRecords(dbPath)).find(predicate);
    if (record !== undefined) {
      return record;
    }
    if (Date.now() >= deadline) {
      throw new Error(`No matching audit record in ${dbPath} after ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Returns the one modal the emulator holds, as last opened or updated. */
export function onlyView(emulator: SlackEmulator): EmulatorView {
  const views = [...emulator.views.values()];
  const [view] = views;
  if (view === undefined || views.length > 1) {
    throw new Error(`Expected exactly one modal, found ${views.length}.`);
  }
  return view;
}

function isInputBlock(block: KnownBlock | Block): block is InputBlock {
  return block.type === 'input';
}

/** Returns the people preselected in the reset modal's people picker. */
export function initialUsers(view: ModalView): string[] {
  for (const block of view.blocks) {
    if (isInputBlock(block) && block.element.type === 'multi_users_select') {
      return block.element.initial_users ?? [];
    }
  }
  return [];
}

/** Returns the `view.id` of a views.open or views.update response. */
export function responseViewId(call: RecordedCall | undefined): string | undefined {
  const response = call?.response;
  if (typeof response !== 'object' || response === null || !('view' in response)) {
    return undefined;
  }
  const view = response.view;
  return typeof view === 'object' && view !== null && 'id' in view && typeof view.id === 'string'
    ? view.id
    : undefined;
}
