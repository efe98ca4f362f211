import { type MethodSpec, success } from './method';

/**
 * Returns a WebSocket URL for an app-level token, as Slack does for Socket Mode. The emulator serves no
 * Socket Mode connection, so the URL names a port on 127.0.0.1 where nothing listens: tests use this
 * method for its token checks (`invalid_auth`, `not_allowed_token_type`, `missing_scope`).
 */
export const appsConnectionsOpen: MethodSpec = {
  tokenTypes: ['app'],
  scope: 'connections:write',
  handle() {
    return success({ url: 'ws://127.0.0.1:9/link/?ticket=emulator' });
  },
};
