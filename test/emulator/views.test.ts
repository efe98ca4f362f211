import type { KnownBlock, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { ADMIN_TOKEN, BOT_TOKEN, SlackEmulator, TRIGGER_TTL_MS } from './index';
import { clientFor, platformError } from './web-client';

let emulator: SlackEmulator;
let bot: WebClient;
let clock = 1_700_000_000_000;

beforeAll(async () => {
  emulator = await SlackEmulator.start({ now: () => clock });
  bot = clientFor(emulator, BOT_TOKEN);
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  emulator.reset();
});

const reasonInput: KnownBlock = {
  type: 'input',
  block_id: 'reason',
  label: { type: 'plain_text', text: 'Reason' },
  element: { type: 'plain_text_input', action_id: 'reason', max_length: 500 },
};

function modal(overrides: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    callback_id: 'reset_sessions',
    title: { type: 'plain_text', text: 'Reset sessions' },
    submit: { type: 'plain_text', text: 'Next' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [reasonInput],
    ...overrides,
  };
}

function openModal(view: ModalView = modal()) {
  return bot.views.open({ trigger_id: emulator.issueTriggerId(), view });
}

describe('views.open triggers', () => {
  test('open stores the view', async () => {
    const result = await openModal();
    const id = result.view?.id ?? '';
    expect(id).toMatch(/^V/);
    expect(result.view?.hash).toBeTruthy();
    expect(emulator.views.get(id)?.callback_id).toBe('reset_sessions');
    expect(emulator.views.get(id)?.root_view_id).toBe(id);
  });

  test('unknown trigger', async () => {
    const data = await platformError(bot.views.open({ trigger_id: '123.456.789', view: modal() }));
    expect(data.error).toBe('invalid_trigger_id');
  });

  test('reused trigger', async () => {
    const triggerId = emulator.issueTriggerId();
    await bot.views.open({ trigger_id: triggerId, view: modal() });
    const data = await platformError(bot.views.open({ trigger_id: triggerId, view: modal() }));
    expect(data.error).toBe('exchanged_trigger_id');
  });

  test('trigger at expiry edge', async () => {
    const triggerId = emulator.issueTriggerId();
    clock += TRIGGER_TTL_MS;
    const result = await bot.views.open({ trigger_id: triggerId, view: modal() });
    expect(result.ok).toBe(true);
  });

  test('expired trigger', async () => {
    const triggerId = emulator.issueTriggerId();
    clock += TRIGGER_TTL_MS + 1;
    const data = await platformError(bot.views.open({ trigger_id: triggerId, view: modal() }));
    expect(data.error).toBe('expired_trigger_id');
  });

  test('user token rejected', async () => {
    const admin = clientFor(emulator, ADMIN_TOKEN);
    const data = await platformError(
      admin.views.open({ trigger_id: emulator.issueTriggerId(), view: modal() }),
    );
    expect(data.error).toBe('not_allowed_token_type');
  });
});

describe('view validation', () => {
  const tooManyOptions = Array.from({ length: 11 }, (_, index) => ({
    text: { type: 'plain_text' as const, text: `Option ${index}` },
    value: `option-${index}`,
  }));

  test.each<[string, Partial<ModalView>, string]>([
    [
      'title over 24',
      { title: { type: 'plain_text', text: 'A title that is too long!' } },
      '/view/title/text',
    ],
    [
      'submit over 24',
      { submit: { type: 'plain_text', text: 'Submit button text too long' } },
      '/view/submit/text',
    ],
    [
      'close over 24',
      { close: { type: 'plain_text', text: 'Close button text too long' } },
      '/view/close/text',
    ],
    ['duplicate block ids', { blocks: [reasonInput, reasonInput] }, '/view/blocks/1/block_id'],
    ['input without submit', { submit: undefined }, '/view]'],
    ['metadata over 3000', { private_metadata: 'x'.repeat(3001) }, '/view/private_metadata'],
    ['callback id over 255', { callback_id: 'c'.repeat(256) }, '/view/callback_id'],
    [
      '101 blocks',
      { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' as const })) },
      '/view/blocks]',
    ],
    [
      'radio with 11 options',
      {
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'Scope' },
            element: { type: 'radio_buttons', action_id: 'scope', options: tooManyOptions },
          },
        ],
      },
      '/view/blocks/0/element/options',
    ],
    [
      'button text over 75',
      {
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'b'.repeat(76) } },
            ],
          },
        ],
      },
      '/view/blocks/0/elements/0/text/text',
    ],
    [
      'button value over 2000',
      {
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'go',
                text: { type: 'plain_text', text: 'Go' },
                value: 'v'.repeat(2001),
              },
            ],
          },
        ],
      },
      '/view/blocks/0/elements/0/value',
    ],
    [
      'input max_length 0',
      {
        blocks: [
          { ...reasonInput, element: { type: 'plain_text_input', action_id: 'reason', max_length: 0 } },
        ] as KnownBlock[],
      },
      '/view/blocks/0/element/max_length',
    ],
    [
      'header over 150',
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      '/view/blocks/0/text/text',
    ],
    [
      'section over 3000',
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }] },
      '/view/blocks/0/text/text',
    ],
    [
      'context with 11 elements',
      {
        blocks: [
          {
            type: 'context',
            elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'note' })),
          },
        ],
      },
      '/view/blocks/0/elements',
    ],
    [
      'actions with 26 elements',
      {
        blocks: [
          {
            type: 'actions',
            elements: Array.from({ length: 26 }, (_, index) => ({
              type: 'button' as const,
              action_id: `button-${index}`,
              text: { type: 'plain_text' as const, text: 'Go' },
            })),
          },
        ],
      },
      '/view/blocks/0/elements',
    ],
  ])('%s rejected', async (_label, overrides, pointer) => {
    const data = await platformError(openModal(modal(overrides)));
    expect(data.error).toBe('invalid_arguments');
    const messages = data.response_metadata?.messages ?? [];
    expect(messages.some((message) => message.startsWith('[ERROR]') && message.includes(pointer))).toBe(true);
  });

  test('missing title rejected', async () => {
    const view = { type: 'modal', blocks: [] };
    const data = await platformError(
      bot.apiCall('views.open', { trigger_id: emulator.issueTriggerId(), view }),
    );
    expect(data.error).toBe('invalid_arguments');
  });

  test('input without label rejected', async () => {
    const blocks = [{ type: 'input', element: { type: 'plain_text_input', action_id: 'a' } }];
    const view = { ...modal(), blocks };
    const data = await platformError(
      bot.apiCall('views.open', { trigger_id: emulator.issueTriggerId(), view }),
    );
    expect(data.response_metadata?.messages?.[0]).toContain('/view/blocks/0/label');
  });

  test('rejected view keeps trigger', async () => {
    const triggerId = emulator.issueTriggerId();
    await platformError(
      bot.views.open({ trigger_id: triggerId, view: modal({ private_metadata: 'x'.repeat(3001) }) }),
    );
    const result = await bot.views.open({ trigger_id: triggerId, view: modal() });
    expect(result.ok).toBe(true);
  });

  test('view over 250 kB', async () => {
    const blocks = Array.from({ length: 100 }, (_, index) => ({
      type: 'section' as const,
      block_id: `b${index}`,
      text: { type: 'mrkdwn' as const, text: '€'.repeat(1000) },
    }));
    const data = await platformError(openModal(modal({ blocks })));
    expect(data.error).toBe('view_too_large');
  });
});

describe('views.update', () => {
  test('update with matching hash', async () => {
    const opened = await openModal();
    const viewId = opened.view?.id ?? '';
    const title = { type: 'plain_text' as const, text: 'Confirm' };
    const updated = await bot.views.update({
      view_id: viewId,
      hash: opened.view?.hash,
      view: modal({ title }),
    });
    expect(updated.view?.id).toBe(viewId);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(emulator.views.get(viewId)?.title.text).toBe('Confirm');
  });

  test('update with stale hash', async () => {
    const opened = await openModal();
    const viewId = opened.view?.id ?? '';
    await bot.views.update({ view_id: viewId, view: modal() });
    const data = await platformError(
      bot.views.update({ view_id: viewId, hash: opened.view?.hash, view: modal() }),
    );
    expect(data.error).toBe('hash_conflict');
  });

  test('update by external_id', async () => {
    await openModal(modal({ external_id: 'reset-1' }));
    const updated = await bot.views.update({
      external_id: 'reset-1',
      view: modal({ external_id: 'reset-1' }),
    });
    expect(updated.ok).toBe(true);
  });

  test('update unknown view', async () => {
    const data = await platformError(bot.views.update({ view_id: 'V404', view: modal() }));
    expect(data.error).toBe('not_found');
  });

  test('update validates view', async () => {
    const opened = await openModal();
    const view = modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } });
    const data = await platformError(bot.views.update({ view_id: opened.view?.id ?? '', view }));
    expect(data.error).toBe('invalid_arguments');
  });

  test('duplicate external_id on open', async () => {
    await openModal(modal({ external_id: 'same' }));
    const data = await platformError(openModal(modal({ external_id: 'same' })));
    expect(data.error).toBe('duplicate_external_id');
  });
});

describe('views.push', () => {
  function push() {
    return bot.views.push({ trigger_id: emulator.issueTriggerId(), view: modal() });
  }

  test('push links to previous view', async () => {
    const opened = await openModal();
    const pushed = await push();
    expect(pushed.view?.root_view_id).toBe(opened.view?.id);
    expect(pushed.view?.previous_view_id).toBe(opened.view?.id);
  });

  test('push limit is 3 views', async () => {
    await openModal();
    await push();
    await push();
    const data = await platformError(push());
    expect(data.error).toBe('push_limit_reached');
  });

  test('push reused trigger', async () => {
    const triggerId = emulator.issueTriggerId();
    await bot.views.open({ trigger_id: triggerId, view: modal() });
    const data = await platformError(bot.views.push({ trigger_id: triggerId, view: modal() }));
    expect(data.error).toBe('exchanged_trigger_id');
  });
});
