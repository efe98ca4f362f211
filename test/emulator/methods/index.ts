import { adminUsersSessionInvalidate } from './admin-invalidate';
import { adminUsersSessionList } from './admin-list';
import { adminUsersSessionReset, adminUsersSessionResetBulk } from './admin-reset';
import { appsConnectionsOpen } from './apps';
import { chatPostEphemeral, chatPostMessage, conversationsOpen } from './chat';
import type { MethodSpec } from './method';
import { authTest, usergroupsUsersList, usersInfo, usersLookupByEmail } from './users';
import { viewsOpen, viewsPush, viewsUpdate } from './views';

/** Web API methods the emulator implements. Any other method name gets `unknown_method`. */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  ['auth.test', authTest],
  ['apps.connections.open', appsConnectionsOpen],
  ['users.info', usersInfo],
  ['users.lookupByEmail', usersLookupByEmail],
  ['usergroups.users.list', usergroupsUsersList],
  ['views.open', viewsOpen],
  ['views.update', viewsUpdate],
  ['views.push', viewsPush],
  ['chat.postMessage', chatPostMessage],
  ['chat.postEphemeral', chatPostEphemeral],
  ['conversations.open', conversationsOpen],
  ['admin.users.session.reset', adminUsersSessionReset],
  ['admin.users.session.resetBulk', adminUsersSessionResetBulk],
  ['admin.users.session.list', adminUsersSessionList],
  ['admin.users.session.invalidate', adminUsersSessionInvalidate],
]);
