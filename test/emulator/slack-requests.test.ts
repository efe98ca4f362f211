import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import {
  postBlockActions,
  postSlashCommand,
  postViewSubmission,
  resetSubmissionValues,
  type SignatureMode,
  signRequest,
} from '../support/slack-requests';
import { ADMIN_ID, ALICE_ID, BOB_ID, BOT_TOKEN, ENTERPRISE_ID, SlackEmulator, TEAM_ID } from './index';
import { clientFor } from './web-client';

const SECRET = 'test-signing-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let appUrl: string;
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.end('');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
});

function lastRequest(): Received {
  const request = received.at(-1);
  if (request === undefined) throw new Error('The test server received no request.');
  return request;
}

/** Runs Bolt's own signature check on a received request. */
function boltAccepts(request: Received): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string') return false;
  try {
    return isValidSlackRequest({
      signingSecret: SECRET,
      body: request.body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    });
  } catch {
    return false;
  }
}

function payloadOf(request: Received): Record<string, unknown> {
  return JSON.parse(new URLSearchParams(request.body).get('payload') ?? 'null');
}

describe('signRequest', () => {
  // Expected value computed with: printf 'v0:1700000000:a=1' | openssl dgst -sha256 -hmac secret
  test('known signature', () => {
    const headers = signRequest('a=1', 'secret', 1_700_000_000);
    expect(headers['X-Slack-Request-Timestamp']).toBe('1700000000');
    expect(headers['X-Slack-Signature']).toBe(
      'v0=05eea7473e5156c8cfc819afa757db5fd5eaf52b70aa1b11c5b79b29b3c7bd65',
    );
  });
});

describe('postSlashCommand', () => {
  const fields = { trigger_id: 'trigger-1', response_url: 'http://127.0.0.1:1/response/R1' };

  test('defaults and Bolt accepts', async () => {
    const result = await postSlashCommand(appUrl, SECRET, { ...fields, text: ALICE_ID });
    expect(result.status).toBe(200);
    const request = lastRequest();
    expect(boltAccepts(request)).toBe(true);
    const form = Object.fromEntries(new URLSearchParams(request.body));
    expect(form).toMatchObject({
      command: '/reset-sessions',
      text: ALICE_ID,
      user_id: ADMIN_ID,
      team_id: TEAM_ID,
      enterprise_id: ENTERPRISE_ID,
      is_enterprise_install: 'false',
      trigger_id: 'trigger-1',
    });
  });

  test.each<[SignatureMode, boolean]>([
    ['valid', true],
    ['wrong-secret', false],
    ['stale-timestamp', false],
    ['missing-headers', false],
    ['tampered-body', false],
    // Bolt only rejects old timestamps, so this row records that gap rather than approving it.
    ['future-timestamp', true],
  ])('signature mode %s', async (signature, accepted) => {
    await postSlashCommand(appUrl, SECRET, fields, { signature });
    expect(boltAccepts(lastRequest())).toBe(accepted);
  });

  test('future timestamp is ahead', async () => {
    await postSlashCommand(appUrl, SECRET, fields, { signature: 'future-timestamp' });
    const timestamp = Number(lastRequest().headers['x-slack-request-timestamp']);
    expect(timestamp - Date.now() / 1000).toBeGreaterThan(300);
  });

  test('tampered body differs', async () => {
    await postSlashCommand(appUrl, SECRET, fields, {
      signature: 'tampered-body',
      tamperBody: (body) => `${body}X`,
    });
    expect(lastRequest().body.endsWith('X')).toBe(true);
  });
});

describe('postViewSubmission', () => {
  test('payload shape', async () => {
    const values = resetSubmissionValues({
      users: [ALICE_ID, BOB_ID],
      scope: 'mobile',
      reason: 'Lost phone',
    });
    await postViewSubmission(appUrl, SECRET, { values, viewId: 'V0000000001', privateMetadata: '{"n":1}' });
    const request = lastRequest();
    expect(boltAccepts(request)).toBe(true);
    const payload = payloadOf(request);
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: null,
      user: { id: ADMIN_ID, team_id: TEAM_ID },
      enterprise: { id: ENTERPRISE_ID },
      is_enterprise_install: false,
      view: { id: 'V0000000001', callback_id: 'reset_sessions', private_metadata: '{"n":1}' },
    });
    expect(payload.view).toMatchObject({
      state: {
        values: {
          targets: { users: { type: 'multi_users_select', selected_users: [ALICE_ID, BOB_ID] } },
          scope: { scope: { type: 'radio_buttons', selected_option: { value: 'mobile' } } },
          reason: { reason: { type: 'plain_text_input', value: 'Lost phone' } },
        },
      },
    });
  });

  test('uses an emulator view', async () => {
    const emulator = await SlackEmulator.start();
    try {
      const bot = clientFor(emulator, BOT_TOKEN);
      const opened = await bot.views.open({
        trigger_id: emulator.issueTriggerId(),
        view: {
          type: 'modal',
          callback_id: 'confirm_reset',
          private_metadata: 'meta',
          title: { type: 'plain_text', text: 'Confirm' },
          blocks: [],
        },
      });
      const view = emulator.views.get(opened.view?.id ?? '');
      await postViewSubmission(appUrl, SECRET, { view, values: {} });
      expect(payloadOf(lastRequest()).view).toMatchObject({
        id: view?.id,
        callback_id: 'confirm_reset',
        private_metadata: 'meta',
        hash: view?.hash,
      });
    } finally {
      await emulator.stop();
    }
  });

  test('values without scope', () => {
    const values = resetSubmissionValues({ users: [] });
    expect(values.scope?.scope?.selected_option).toBeNull();
    expect(values.reason?.reason?.value).toBeNull();
  });
});

describe('postBlockActions', () => {
  test('action from a message', async () => {
    await postBlockActions(appUrl, SECRET, {
      actions: [{ action_id: 'undo', block_id: 'result', value: 'audit-1' }],
      responseUrl: 'http://127.0.0.1:1/response/R2',
    });
    const payload = payloadOf(lastRequest());
    expect(payload).toMatchObject({
      type: 'block_actions',
      actions: [{ action_id: 'undo', block_id: 'result', value: 'audit-1', type: 'button' }],
      container: { type: 'message' },
      response_url: 'http://127.0.0.1:1/response/R2',
    });
  });

  test('action from a modal', async () => {
    await postBlockActions(appUrl, SECRET, {
      actions: [{ action_id: 'scope', block_id: 'scope', value: 'web', type: 'radio_buttons' }],
      view: { id: 'V0000000007' },
      triggerId: 'trigger-2',
    });
    const payload = payloadOf(lastRequest());
    expect(payload.container).toEqual({ type: 'view', view_id: 'V0000000007' });
    expect(payload.trigger_id).toBe('trigger-2');
    expect(payload.channel).toBeUndefined();
  });
});
