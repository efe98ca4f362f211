/**
 * Plain-language text for each error code, shown to admins next to the person it concerns.
 * Codes come from Slack's documentation of admin.users.session.reset, .list and .invalidate, the common
 * Web API errors, and the local codes in `slack/error-code.ts`.
 */
const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  // admin.users.session.reset
  cannot_reset_bot:
    'This is a bot user, and Slack cannot reset bot sessions. Deactivate or rotate the bot instead.',
  cannot_reset_primary_owner:
    "Only the primary owner can reset the primary owner's sessions. Ask the primary owner to do it from their account.",
  feature_not_enabled:
    'Session reset is not available on this Slack plan. It needs an Enterprise Grid org; check the plan with Slack.',
  internal_error: 'Slack had an internal error. Wait a minute and try again.',
  invalid_auth:
    'Slack rejected SLACK_ADMIN_TOKEN as invalid, or the request came from an IP address the org does not allow. Reinstall the app on the org and update the token.',
  not_an_admin:
    'The owner of SLACK_ADMIN_TOKEN is not an org owner or admin. Reinstall the app as an Org Owner or Org Admin and update the token.',
  unknown_method: 'Slack says the session reset method is unavailable right now. Try again later.',
  user_not_found: 'Slack could not find this user in the org. Check the user ID; the account may be deleted.',
  user_session_reset_failed: 'Slack could not start the session reset. Try again for this person.',

  // admin.users.session.list and admin.users.session.invalidate
  admin_unauthorized:
    'The owner of SLACK_ADMIN_TOKEN is not allowed to see or end sessions. Reinstall the app as an Org Owner or Org Admin and update the token.',
  bots_not_allowed:
    'This is a bot user. Slack keeps no sign-in sessions for bots, so there is nothing to list.',
  missing_user:
    'Slack needs a user ID together with a workspace ID to list sessions. This is a bug in Reset Sessions; please report it.',
  missing_team:
    'Slack needs a workspace ID together with a user ID to list sessions. This is a bug in Reset Sessions; please report it.',
  team_not_found:
    'Slack could not find this workspace in the org. It may have been removed or moved; press Refresh list.',
  invalid_cursor: 'Slack rejected the page cursor while listing sessions. Press Refresh list to start again.',
  cannot_invalidate_primary_owner:
    "Only the primary owner can sign out the primary owner's sessions. Ask the primary owner to do it from their account.",
  session_not_found:
    'This session no longer exists: it may have ended or been signed out already. The list shows what is left.',
  session_expired: 'This session had already expired. The list shows what is left.',
  session_invalidation_failed: 'Slack could not sign out this session. Try again in a minute.',

  // Errors Slack can return from any method
  missing_scope:
    "SLACK_ADMIN_TOKEN lacks the admin.users:write scope. Add it to the app's user scopes and reinstall the app on the whole org.",
  not_allowed_token_type:
    'SLACK_ADMIN_TOKEN is not a user token. Use the xoxp- token of an org admin who installed the app on the whole org.',
  not_authed: 'No admin token was sent to Slack. Set SLACK_ADMIN_TOKEN and restart the app.',
  token_revoked: 'SLACK_ADMIN_TOKEN has been revoked. Reinstall the app on the org and update the token.',
  token_expired: 'SLACK_ADMIN_TOKEN has expired. Reinstall the app on the org and update the token.',
  account_inactive:
    'The admin who owns SLACK_ADMIN_TOKEN has been deactivated. Reinstall the app as an active org admin and update the token.',
  no_permission:
    "The admin token does not have permission for this action. Check the installing admin's role.",
  org_login_required: 'The org is migrating workspaces. Wait until the migration finishes and try again.',
  ekm_access_denied:
    'Enterprise Key Management blocked this request. Ask the org owner to check the EKM settings.',
  two_factor_setup_required: 'The admin who owns SLACK_ADMIN_TOKEN must set up two-factor authentication.',
  enterprise_is_restricted: 'Slack restricts this action for the org. Contact Slack support.',
  access_denied:
    "Slack denied access to this action. Check the installing admin's role and the app's scopes.",
  accesslimited: 'Slack limited access to this method. Try again later.',
  team_added_to_org: 'The workspace is being added to the org. Wait until that finishes and try again.',
  is_bot: 'SLACK_ADMIN_TOKEN belongs to a bot. Use the user token (xoxp-) of an org admin.',
  invalid_arguments:
    'Slack rejected the request arguments. This is a bug in Reset Sessions; please report it.',
  invalid_arg_name: 'Slack rejected an argument name. This is a bug in Reset Sessions; please report it.',
  invalid_array_arg: 'Slack rejected an array argument. This is a bug in Reset Sessions; please report it.',
  invalid_charset: 'Slack rejected the request encoding. This is a bug in Reset Sessions; please report it.',
  invalid_form_data: 'Slack rejected the request body. This is a bug in Reset Sessions; please report it.',
  invalid_post_type:
    'Slack rejected the request content type. This is a bug in Reset Sessions; please report it.',
  missing_post_type: 'The request had no content type. This is a bug in Reset Sessions; please report it.',
  method_deprecated: 'Slack has deprecated this method. Update Reset Sessions.',
  deprecated_endpoint: 'Slack has retired this endpoint. Update Reset Sessions.',
  ratelimited: 'Slack rate-limited the request and retries did not get through. Wait a minute and try again.',
  request_timeout: 'The request to Slack timed out. Check whether the reset happened, then try again.',
  service_unavailable: 'Slack is unavailable right now. Try again in a few minutes.',
  fatal_error: 'Slack had a server error. Try again in a few minutes.',

  // Local codes: the request never got a Slack answer
  request_failed:
    'Could not reach Slack. Check the network connection from the app to Slack, then try again.',
  http_error: 'Slack answered with an unexpected HTTP status. Check SLACK_API_URL and any proxy in between.',
  unexpected_error: 'Something unexpected went wrong. The app log has the details; try again.',
  shutting_down:
    'Not attempted, because Reset Sessions was restarting and ran out of time. Run the request again for this person.',
};

/**
 * Text for codes whose meaning depends on the method that returned them, keyed by Web API method name.
 * The table above covers admin.users.session.reset and every code that reads the same for all methods.
 */
const METHOD_ERROR_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'admin.users.session.list': {
    missing_scope:
      "SLACK_ADMIN_TOKEN lacks the admin.users:read scope, which listing sessions needs. Add it to the app's user scopes and reinstall the app on the whole org.",
    feature_not_enabled:
      'Listing sessions is not available on this Slack plan. It needs an Enterprise Grid org; check the plan with Slack.',
    unknown_method: 'Slack says the session list method is unavailable right now. Try again later.',
  },
  'admin.users.session.invalidate': {
    feature_not_enabled:
      'Signing out one session is not available on this Slack plan. It needs an Enterprise Grid org; check the plan with Slack.',
    unknown_method:
      'Slack says the method that signs out one session is unavailable right now. Try again later.',
  },
  'users.info': {
    missing_scope:
      "SLACK_BOT_TOKEN lacks the users:read scope, which finding a person's workspaces needs. Add it to the app's bot scopes and reinstall the app.",
    invalid_auth: 'Slack rejected SLACK_BOT_TOKEN as invalid. Reinstall the app and update the token.',
    token_revoked: 'SLACK_BOT_TOKEN has been revoked. Reinstall the app and update the token.',
  },
};

/** Returns the admin-facing message for an error code, or a generic one that still names the code. */
export function describeError(code: string): string {
  return (
    ERROR_MESSAGES[code] ??
    `Slack returned the error \`${code}\`. Check Slack's API documentation for it, then try again.`
  );
}

/**
 * Returns the message for a code that Web API method `method` returned. It differs from `describeError`
 * only for codes whose meaning depends on the method, such as `missing_scope`. It is a separate function
 * because callers pass `describeError` straight to `Array.map`, which would fill a second parameter.
 */
export function describeMethodError(method: string, code: string): string {
  return METHOD_ERROR_MESSAGES[method]?.[code] ?? describeError(code);
}

/** Tells whether a code has its own message; used by tests to keep every documented code covered. */
export function hasErrorMessage(code: string): boolean {
  return Object.hasOwn(ERROR_MESSAGES, code);
}
