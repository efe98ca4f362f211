import type { ViewStateValue } from '@slack/bolt';
import {
  type ResetRequest,
  readResetSubmission,
  type SubmissionResult,
} from '../../src/views/read-reset-submission';

/** Returns the request of an accepted form, failing the test with the errors when it was rejected. */
function requestOf(result: SubmissionResult): ResetRequest {
  if (!result.ok) {
    throw new Error(`Expected the form to be accepted, got errors ${JSON.stringify(result.errors)}.`);
  }
  return result.request;
}

interface FormValues {
  users?: string[];
  scope?: string;
  reason?: string | null;
}

function submittedView({ users = ['W0ALICE'], scope = 'all', reason = 'stolen laptop' }: FormValues) {
  const scopeState: ViewStateValue = { type: 'radio_buttons', selected_option: null };
  if (scope !== '') {
    scopeState.selected_option = { value: scope, text: { type: 'plain_text', text: scope } };
  }
  return {
    private_metadata: JSON.stringify({ channel_id: 'C0GENERAL' }),
    state: {
      values: {
        targets: { users: { type: 'multi_users_select', selected_users: users } },
        scope: { scope: scopeState },
        reason: { reason: { type: 'plain_text_input', value: reason } },
      },
    },
  };
}

describe('readResetSubmission', () => {
  it('accepts a complete form', () => {
    expect(readResetSubmission(submittedView({ scope: 'web' }))).toEqual({
      ok: true,
      request: {
        userIds: ['W0ALICE'],
        scope: 'web',
        reason: 'stolen laptop',
        metadata: { channel_id: 'C0GENERAL' },
      },
    });
  });

  it('requires at least one person', () => {
    expect(readResetSubmission(submittedView({ users: [] }))).toEqual({
      ok: false,
      errors: { targets: 'Choose at least one person.' },
    });
  });

  it('limits the number of people', () => {
    const users = Array.from({ length: 101 }, (_, index) => `W${index.toString().padStart(6, '0')}`);
    const result = readResetSubmission(submittedView({ users }));
    expect(result).toEqual({ ok: false, errors: { targets: 'Choose at most 100 people; you chose 101.' } });
  });

  it.each(['', '   \n ', null])('rejects a blank reason %p', (reason) => {
    expect(readResetSubmission(submittedView({ reason }))).toEqual({
      ok: false,
      errors: { reason: 'Give a reason; it is kept in the audit record.' },
    });
  });

  it('rejects an unknown scope', () => {
    expect(readResetSubmission(submittedView({ scope: 'desktop' }))).toEqual({
      ok: false,
      errors: { scope: 'Choose which sessions to end.' },
    });
  });

  it('drops repeated and malformed user ids', () => {
    const result = readResetSubmission(submittedView({ users: ['W0ALICE', 'W0ALICE', 'C0CHANNEL'] }));
    expect(requestOf(result).userIds).toEqual(['W0ALICE']);
  });

  it('trims the reason', () => {
    const result = readResetSubmission(submittedView({ reason: '  phished  ' }));
    expect(requestOf(result).reason).toBe('phished');
  });

  it('tolerates broken private_metadata', () => {
    const view = { ...submittedView({}), private_metadata: '{oops' };
    const result = readResetSubmission(view);
    expect(requestOf(result).metadata).toEqual({ channel_id: '' });
  });
});
