import { InvalidArgumentError, readStringList, requireString } from '../args';
import { readResetKind, resetTargetError } from './admin-common';
import { failure, type MethodSpec, success } from './method';

/** Maximum number of ids in one `admin.users.session.resetBulk` call. */
const MAX_BULK_USERS = 1000;

export const adminUsersSessionReset: MethodSpec = {
  tokenTypes: ['user'],
  scope: 'admin.users:write',
  adminOnly: true,
  handle(context) {
    const userId = requireString(context.args, 'user_id');
    const kind = readResetKind(context.args);
    const error = resetTargetError(context, userId);
    if (error !== undefined) return failure(error);
    context.state.removeSessionsOf(userId, kind);
    return success();
  },
};

export const adminUsersSessionResetBulk: MethodSpec = {
  tokenTypes: ['user'],
  scope: 'admin.users:write',
  adminOnly: true,
  handle(context) {
    const userIds = readStringList(context.args, 'user_ids') ?? [];
    if (userIds.length === 0 || userIds.length > MAX_BULK_USERS) {
      throw new InvalidArgumentError('user_ids', `must contain 1 to ${MAX_BULK_USERS} user ids`);
    }
    const kind = readResetKind(context.args);
    const errors = new Map<string, string>();
    for (const userId of userIds) {
      const error = resetTargetError(context, userId);
      if (error !== undefined) errors.set(userId, error);
    }

    const accepted = userIds.filter((userId) => !errors.has(userId));
    // When every id fails, the call returns the first failing id's error code, as a single reset would.
    const [firstError] = errors.values();
    if (accepted.length === 0 && firstError !== undefined) return failure(firstError);

    for (const userId of accepted) context.state.removeSessionsOf(userId, kind);
    if (errors.size === 0) return success();
    // NOTE: Slack documents `failed_for_some_users` but not which response field lists the failed ids,
    // so the emulator's `failed_user_ids` is its own choice.
    return failure('failed_for_some_users', { failed_user_ids: [...errors.keys()] });
  },
};
