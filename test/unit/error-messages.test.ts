import { describeError, hasErrorMessage } from '../../src/messages/error-messages';

// Every error code Slack documents for admin.users.session.reset, plus the common Web API errors.
const RESET_ERRORS = [
  'cannot_reset_bot',
  'cannot_reset_primary_owner',
  'feature_not_enabled',
  'internal_error',
  'invalid_auth',
  'not_an_admin',
  'unknown_method',
  'user_not_found',
  'user_session_reset_failed',
];
const COMMON_ERRORS = [
  'not_authed',
  'missing_scope',
  'not_allowed_token_type',
  'ratelimited',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
  'two_factor_setup_required',
  'enterprise_is_restricted',
  'is_bot',
  'method_deprecated',
  'deprecated_endpoint',
  'access_denied',
  'accesslimited',
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'team_added_to_org',
  'request_timeout',
  'service_unavailable',
  'fatal_error',
];

describe('describeError', () => {
  it.each([...RESET_ERRORS, ...COMMON_ERRORS])('has a message for %s', (code) => {
    expect(hasErrorMessage(code)).toBe(true);
  });

  it('gives each documented code a distinct message', () => {
    const messages = new Set([...RESET_ERRORS, ...COMMON_ERRORS].map(describeError));
    expect(messages.size).toBe(RESET_ERRORS.length + COMMON_ERRORS.length);
  });

  it('names an unknown code in the fallback', () => {
    expect(describeError('brand_new_error')).toContain('brand_new_error');
  });
});
