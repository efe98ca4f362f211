import { InvalidArgumentError } from './args';
import { METHODS } from './methods';
import { failure, type MethodSpec } from './methods/method';
import type { EmulatorState } from './state';
import type { Args, FixtureToken, SlackResponse } from './types';

export interface DispatchResult {
  body: SlackResponse;
  token?: FixtureToken;
  spec?: MethodSpec;
}

/** Returns the first failed token check (revoked, token type, scope, admin role), or undefined if none. */
function checkToken(spec: MethodSpec, token: FixtureToken, state: EmulatorState): SlackResponse | undefined {
  if (token.revoked) return failure('token_revoked');
  if (!spec.tokenTypes.includes(token.type)) return failure('not_allowed_token_type');
  if (spec.scope !== undefined && !token.scopes.includes(spec.scope)) {
    return failure('missing_scope', { needed: spec.scope, provided: token.scopes.join(',') });
  }
  const caller = state.users.get(token.userId);
  if (spec.adminOnly && !caller?.isAdmin && !caller?.isOwner) return failure('not_an_admin');
  return undefined;
}

/**
 * Runs one Web API call against the state: method lookup, token checks, then the method handler.
 * Invalid arguments become `invalid_arguments` with the problem in `response_metadata.messages`.
 */
export function dispatch(
  state: EmulatorState,
  method: string,
  args: Args,
  tokenValue: string | undefined,
  now: number,
): DispatchResult {
  const spec = METHODS.get(method);
  if (spec === undefined) return { body: failure('unknown_method') };
  if (tokenValue === undefined) return { body: failure('not_authed'), spec };
  const token = state.tokens.get(tokenValue);
  if (token === undefined) return { body: failure('invalid_auth'), spec };
  const tokenError = checkToken(spec, token, state);
  if (tokenError !== undefined) return { body: tokenError, token, spec };

  const caller = state.users.get(token.userId);
  try {
    return { body: spec.handle({ method, args, token, caller, state, now }), token, spec };
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    return {
      body: failure('invalid_arguments', { response_metadata: { messages: [error.message] } }),
      token,
      spec,
    };
  }
}
