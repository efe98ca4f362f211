import { InvalidArgumentError, readBoolean } from '../args';
import type { Args, SessionKind } from '../types';
import type { MethodContext } from './method';

/**
 * Returns the error code when the caller may not reset `userId`, or undefined when the reset may go
 * ahead. An error scripted with `failUser` for this method and user wins over the built-in checks.
 */
export function resetTargetError(context: MethodContext, userId: string): string | undefined {
  const scripted = context.state.scriptedFailure(context.method, userId);
  if (scripted !== undefined) return scripted;
  const user = context.state.users.get(userId);
  if (user === undefined) return 'user_not_found';
  if (user.isBot) return 'cannot_reset_bot';
  if (user.isPrimaryOwner && !context.caller?.isPrimaryOwner) return 'cannot_reset_primary_owner';
  return undefined;
}

/** Reads `mobile_only` and `web_only` and returns the session kind to remove, or undefined for all sessions. */
export function readResetKind(args: Args): SessionKind | undefined {
  const mobileOnly = readBoolean(args, 'mobile_only') ?? false;
  const webOnly = readBoolean(args, 'web_only') ?? false;
  if (mobileOnly && webOnly) {
    throw new InvalidArgumentError('web_only', 'mobile_only and web_only cannot both be true');
  }
  if (mobileOnly) return 'mobile';
  return webOnly ? 'web' : undefined;
}
