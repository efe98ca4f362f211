import { describeError, describeMethodError, hasErrorMessage } from '../../src/messages/error-messages';

// Error codes Slack documents for admin.users.session.list and admin.users.session.invalidate.
const LIST_ERRORS = [
  'admin_unauthorized',
  'bots_not_allowed',
  'feature_not_enabled',
  'invalid_auth',
  'invalid_cursor',
  'not_an_admin',
  'missing_team',
  'missing_user',
  'team_not_found',
  'unknown_method',
  'user_not_found',
];
const INVALIDATE_ERRORS = [
  'admin_unauthorized',
  'cannot_invalidate_primary_owner',
  'feature_not_enabled',
  'invalid_auth',
  'not_an_admin',
  'session_invalidation_failed',
  'session_not_found',
  'session_expired',
  'unknown_method',
  'user_not_found',
];

describe('session error messages', () => {
  it.each([...new Set([...LIST_ERRORS, ...INVALIDATE_ERRORS])])('has a message for %s', (code) => {
    expect(hasErrorMessage(code)).toBe(true);
  });

  it('names admin.users:read for missing_scope on list', () => {
    expect(describeMethodError('admin.users.session.list', 'missing_scope')).toContain('admin.users:read');
  });

  it('keeps admin.users:write for missing_scope on invalidate', () => {
    expect(describeMethodError('admin.users.session.invalidate', 'missing_scope')).toContain(
      'admin.users:write',
    );
  });

  it('names the bot token for users.info', () => {
    expect(describeMethodError('users.info', 'invalid_auth')).toContain('SLACK_BOT_TOKEN');
  });

  it('falls back to the common message', () => {
    expect(describeMethodError('admin.users.session.list', 'ratelimited')).toBe(describeError('ratelimited'));
  });

  it('names an unknown code in the fallback', () => {
    expect(describeMethodError('admin.users.session.invalidate', 'brand_new_error')).toContain(
      'brand_new_error',
    );
  });
});
