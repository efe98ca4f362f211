import type { AnyBlock } from '@slack/types';
import { linesToSections, SECTION_TEXT_MAX } from '../../src/views/mrkdwn';
import { buildOutcomeModal, outcomeBlocks } from '../../src/views/outcome';
import { buildResetModal, MAX_TARGETS_PER_MODAL } from '../../src/views/reset-modal';

function blockIds(blocks: readonly AnyBlock[]): (string | undefined)[] {
  return blocks.map((block) => block.block_id);
}

describe('buildResetModal', () => {
  const modal = buildResetModal({
    userIds: ['W0ALICE'],
    notes: ['a note'],
    metadata: { channel_id: 'C0GENERAL' },
  });

  it('keeps title and buttons within 24 characters', () => {
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit?.text.length).toBeLessThanOrEqual(24);
    expect(modal.close?.text.length).toBeLessThanOrEqual(24);
  });

  it('uses unique block ids', () => {
    const ids = blockIds(modal.blocks);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores only ids in private_metadata', () => {
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ channel_id: 'C0GENERAL' });
  });

  it('prefills the people', () => {
    const targets = modal.blocks.find((block) => block.block_id === 'targets');
    expect(targets).toMatchObject({ element: { type: 'multi_users_select', initial_users: ['W0ALICE'] } });
  });

  it('leaves initial_users out when nobody is named', () => {
    const empty = buildResetModal({ userIds: [], notes: [], metadata: { channel_id: 'C1' } });
    const targets = empty.blocks.find((block) => block.block_id === 'targets');
    expect(targets).not.toHaveProperty('element.initial_users');
  });

  it('stays within 100 blocks with thousands of notes', () => {
    const notes = Array.from({ length: 5000 }, (_, index) => `note ${index} ${'x'.repeat(100)}`);
    const big = buildResetModal({ userIds: [], notes, metadata: { channel_id: 'C1' } });
    expect(big.blocks.length).toBeLessThanOrEqual(100);
  });
});

describe('linesToSections', () => {
  it('keeps every section within the text limit', () => {
    const sections = linesToSections(['y'.repeat(5000), 'short', 'z'.repeat(2999)], 'p');
    for (const section of sections) {
      expect(section.text?.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    }
  });

  it('packs short lines together', () => {
    expect(linesToSections(['a', 'b', 'c'], 'p')).toHaveLength(1);
  });
});

describe('outcome views', () => {
  const outcomes = Array.from({ length: MAX_TARGETS_PER_MODAL }, (_, index) => ({
    userId: `W${index.toString().padStart(8, '0')}`,
    ok: index % 2 === 0,
    ...(index % 2 === 0 ? {} : { error: 'user_session_reset_failed' }),
  }));
  const summary = {
    scope: 'mobile' as const,
    reason: '<!channel> stolen & lost',
    outcomes,
    correlationId: 'c-1',
  };

  it('fits 100 people in a message of at most 50 blocks', () => {
    expect(outcomeBlocks(summary).length).toBeLessThanOrEqual(50);
  });

  it('escapes the reason', () => {
    expect(JSON.stringify(outcomeBlocks(summary))).toContain('Reason: &lt;!channel&gt; stolen &amp; lost');
  });

  it('explains each failure', () => {
    expect(JSON.stringify(buildOutcomeModal(summary))).toContain('Slack could not start the session reset');
  });

  it('counts successes in the heading', () => {
    expect(JSON.stringify(outcomeBlocks(summary))).toContain(
      '50 of 100 people signed out of mobile sessions; 50 failed',
    );
  });
});
