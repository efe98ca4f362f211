import type { ActionsBlock, AnyBlock, Button, SectionBlock } from '@slack/types';
import type { UserSession } from '../../src/slack/session-admin';
import { SECTION_TEXT_MAX } from '../../src/views/mrkdwn';
import {
  buildSessionsModal,
  MAX_VIEW_BLOCKS,
  readSessionReason,
  readSessionsMetadata,
  type SessionListing,
} from '../../src/views/sessions';
import { checkSessionsBlock, readSessionTarget, sessionTargetValue } from '../../src/views/sessions-actions';
import { describeDevice, sessionRow, sortNewestFirst } from '../../src/views/sessions-rows';

function makeSession(sessionId: number, overrides: Partial<UserSession> = {}): UserSession {
  return {
    sessionId,
    userId: 'W0ALICE',
    teamId: 'T0WORK1',
    created: {
      device_hardware: 'iPhone',
      os: 'iOS',
      os_version: '17.5',
      slack_client_version: '24.06.10',
      ip: '198.51.100.7',
    },
    ...overrides,
  };
}

function makeListing(count: number, overrides: Partial<SessionListing> = {}): SessionListing {
  const sessions = Array.from({ length: count }, (_, index) => makeSession(count - index));
  return {
    userId: 'W0ALICE',
    sessions,
    workspaceCount: 1,
    failures: [],
    incompleteTeamIds: [],
    ...overrides,
  };
}

function blockIds(blocks: readonly AnyBlock[]): (string | undefined)[] {
  return blocks.map((block) => block.block_id);
}

function signOutButton(block: SectionBlock): Button {
  if (block.accessory?.type !== 'button') {
    throw new Error('The row has no button.');
  }
  return block.accessory;
}

describe('buildSessionsModal', () => {
  it('fits 150 sessions in 100 blocks', () => {
    const modal = buildSessionsModal({ listing: makeListing(150), reason: '' });
    expect(modal.blocks).toHaveLength(MAX_VIEW_BLOCKS);
  });

  it('says how many sessions are hidden', () => {
    const modal = buildSessionsModal({ listing: makeListing(150), reason: '' });
    expect(JSON.stringify(modal.blocks.at(-1))).toContain('53 older sessions are not shown');
  });

  it('shows every session when they fit', () => {
    const modal = buildSessionsModal({ listing: makeListing(98), reason: '' });
    expect(modal.blocks).toHaveLength(100);
    expect(JSON.stringify(modal)).not.toContain('not shown');
  });

  it('stays within 100 blocks with many failures', () => {
    const failures = Array.from({ length: 60 }, (_, index) => ({
      method: 'admin.users.session.list',
      error: 'team_not_found',
      teamId: `T0${index}`,
    }));
    const modal = buildSessionsModal({ listing: makeListing(150, { failures }), reason: '' });
    expect(modal.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
  });

  it('uses unique block ids', () => {
    const ids = blockIds(buildSessionsModal({ listing: makeListing(150), reason: '' }).blocks);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps title and buttons within 24 characters', () => {
    const modal = buildSessionsModal({ listing: makeListing(1), reason: '' });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit?.text.length).toBeLessThanOrEqual(24);
    expect(modal.close?.text.length).toBeLessThanOrEqual(24);
  });

  it('stores only the user id in private_metadata', () => {
    const modal = buildSessionsModal({ listing: makeListing(1), reason: 'secret reason' });
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ user_id: 'W0ALICE' });
  });

  it('prefills the reason', () => {
    const modal = buildSessionsModal({ listing: makeListing(1), reason: 'lost phone' });
    expect(JSON.stringify(modal)).toContain('"initial_value":"lost phone"');
  });

  it('leaves out the reason input without sessions', () => {
    const modal = buildSessionsModal({ listing: makeListing(0), reason: '' });
    expect(modal.blocks.some((block) => block.type === 'input')).toBe(false);
  });

  it('says when there are no sessions', () => {
    const modal = buildSessionsModal({ listing: makeListing(0), reason: '' });
    expect(JSON.stringify(modal)).toContain('has no active sessions');
  });

  it('does not claim no sessions when listing failed', () => {
    const failures = [{ method: 'users.info', error: 'user_not_found' }];
    const modal = buildSessionsModal({ listing: makeListing(0, { failures }), reason: '' });
    expect(JSON.stringify(modal)).not.toContain('has no active sessions');
    expect(JSON.stringify(modal)).toContain('could not be found');
  });

  it('marks an incomplete workspace', () => {
    const modal = buildSessionsModal({
      listing: makeListing(1, { incompleteTeamIds: ['T0BIG'] }),
      reason: '',
    });
    expect(JSON.stringify(modal)).toContain('`T0BIG` has more sessions than the app lists');
  });

  it('explains a failed sign-out with the invalidate text', () => {
    const modal = buildSessionsModal({
      listing: makeListing(1),
      reason: '',
      notice: { kind: 'sign_out_failed', summary: 'iPhone', error: 'unknown_method' },
    });
    expect(JSON.stringify(modal)).toContain('the method that signs out one session is unavailable');
  });
});

describe('sessionRow', () => {
  it('escapes device fields', () => {
    const row = sessionRow(makeSession(1, { created: { device_hardware: '<!channel>', os: 'a&b' } }));
    expect(row.text?.text).toContain('&lt;!channel&gt;');
    expect(row.text?.text).toContain('a&amp;b');
    expect(row.text?.text).not.toContain('<!channel>');
  });

  it('says when nothing changed since sign-in', () => {
    expect(sessionRow(makeSession(1)).text?.text).toContain('Last seen: no change since sign-in');
  });

  it('shows the recent device when present', () => {
    const row = sessionRow(makeSession(1, { recent: { ip: '203.0.113.9', slack_client_version: '25.01' } }));
    expect(row.text?.text).toContain('Last seen: Slack 25.01, IP 203.0.113.9');
  });

  it('keeps the confirmation dialog within Slack limits', () => {
    const long = 'x'.repeat(2000);
    const button = signOutButton(
      sessionRow(makeSession(1, { created: { device_hardware: long, os: long } })),
    );
    expect(button.confirm?.title?.text.length).toBeLessThanOrEqual(100);
    expect(button.confirm?.text?.text.length).toBeLessThanOrEqual(300);
    expect(button.confirm?.confirm?.text.length).toBeLessThanOrEqual(30);
    expect(button.confirm?.deny?.text.length).toBeLessThanOrEqual(30);
  });

  it('carries only ids in the button value', () => {
    const button = signOutButton(sessionRow(makeSession(7_000_000_001)));
    expect(JSON.parse(button.value ?? '')).toEqual({
      session_id: 7_000_000_001,
      user_id: 'W0ALICE',
      team_id: 'T0WORK1',
    });
  });

  it('keeps sections within the text limit', () => {
    const long = 'y'.repeat(5000);
    const row = sessionRow(makeSession(1, { created: { device_hardware: long } }));
    expect(row.text?.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
  });
});

describe('describeDevice', () => {
  it('joins the fields Slack sent', () => {
    expect(describeDevice(makeSession(1).created)).toBe('iPhone, iOS 17.5, Slack 24.06.10, IP 198.51.100.7');
  });

  it('leaves out missing fields', () => {
    expect(describeDevice({ os: 'Windows', ip: '192.0.2.1' })).toBe('Windows, IP 192.0.2.1');
  });

  it('names an unknown device', () => {
    expect(describeDevice({})).toBe('unknown device');
  });
});

describe('sortNewestFirst', () => {
  it('orders by session id, highest first', () => {
    const sorted = sortNewestFirst([makeSession(2), makeSession(9), makeSession(5)]);
    expect(sorted.map((session) => session.sessionId)).toEqual([9, 5, 2]);
  });
});

describe('readSessionTarget', () => {
  const target = { sessionId: 42, userId: 'W0ALICE', teamId: 'T0WORK1' };

  it('reads a value this app made', () => {
    expect(readSessionTarget(sessionTargetValue(target))).toEqual(target);
  });

  it.each([
    ['not JSON', 'nope'],
    ['no value', undefined],
    ['a text session id', '{"session_id":"42","user_id":"W0ALICE","team_id":"T0WORK1"}'],
    ['a negative session id', '{"session_id":-1,"user_id":"W0ALICE","team_id":"T0WORK1"}'],
    ['a channel as user', '{"session_id":42,"user_id":"C0GENERAL","team_id":"T0WORK1"}'],
    ['no team', '{"session_id":42,"user_id":"W0ALICE"}'],
    ['an array', '[42]'],
  ])('rejects %s', (_case, value) => {
    expect(readSessionTarget(value)).toBeUndefined();
  });
});

describe('checkSessionsBlock', () => {
  it('offers nothing without people', () => {
    expect(checkSessionsBlock([])).toBeUndefined();
  });

  it('offers a button for one person', () => {
    const block = checkSessionsBlock(['W0ALICE']);
    expect(block?.elements).toMatchObject([
      { type: 'button', action_id: 'check_sessions', value: 'W0ALICE' },
    ]);
  });

  it('offers a menu of at most 100 people', () => {
    const userIds = Array.from({ length: 150 }, (_, index) => `W${String(index).padStart(8, '0')}`);
    const block: ActionsBlock | undefined = checkSessionsBlock(userIds);
    const [menu] = block?.elements ?? [];
    expect(menu?.type).toBe('static_select');
    expect(menu?.type === 'static_select' ? menu.options?.length : 0).toBe(100);
  });
});

describe('reading the sessions view', () => {
  it('reads the user id from private_metadata', () => {
    expect(readSessionsMetadata('{"user_id":"W0ALICE"}')).toBe('W0ALICE');
  });

  it('rejects metadata this app did not make', () => {
    expect(readSessionsMetadata('{"channel_id":"C0GENERAL"}')).toBeUndefined();
  });

  it('trims the typed reason', () => {
    const view = {
      state: { values: { session_reason: { reason: { type: 'plain_text_input', value: '  why  ' } } } },
    };
    expect(readSessionReason(view)).toBe('why');
  });

  it('reads an empty reason as empty', () => {
    expect(readSessionReason({ state: { values: {} } })).toBe('');
  });
});
