/**
 * The consequence of a failed `admin.users.session.resetBulk` call for the rest of the run:
 * - `per_user`: some id in the call is the problem, so splitting the call finds it and saves the others.
 * - `transient`: the same call may work a little later.
 * - `stop`: the token, plan or app is the problem, so every later call would fail the same way.
 * - `call`: anything else; this call's people fail and the run goes on.
 */
export type BulkErrorKind = 'per_user' | 'transient' | 'stop' | 'call';

/** Codes Slack documents for one person (admin.users.session.reset and resetBulk pages). */
const PER_USER_CODES = new Set([
  'user_not_found',
  'cannot_reset_bot',
  'cannot_reset_primary_owner',
  'session_reset_not_allowed',
  'user_session_reset_failed',
  'failed_for_some_users',
]);

const TRANSIENT_CODES = new Set([
  'ratelimited',
  'accesslimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'request_failed',
  'http_error',
]);

const STOP_CODES = new Set([
  'invalid_auth',
  'not_authed',
  'not_an_admin',
  'missing_scope',
  'not_allowed_token_type',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
  'feature_not_enabled',
  'ekm_access_denied',
  'two_factor_setup_required',
  'enterprise_is_restricted',
  'access_denied',
  'is_bot',
  'org_login_required',
  'team_added_to_org',
  'restricted_action',
  'unknown_method',
  'method_deprecated',
  'deprecated_endpoint',
  'invalid_arguments',
]);

export function classifyBulkError(code: string): BulkErrorKind {
  if (PER_USER_CODES.has(code)) {
    return 'per_user';
  }
  if (TRANSIENT_CODES.has(code)) {
    return 'transient';
  }
  return STOP_CODES.has(code) ? 'stop' : 'call';
}
