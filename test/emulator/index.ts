/**
 * Local Slack Web API emulator for integration tests, the demo and benchmarks.
 *
 * ```ts
 * const emulator = await SlackEmulator.start();
 * const client = new WebClient(ADMIN_TOKEN, { slackApiUrl: emulator.apiUrl });
 * await client.admin.users.session.reset({ user_id: ALICE_ID });
 * emulator.callsTo('admin.users.session.reset'); // one RecordedCall
 * await emulator.stop();
 * ```
 */
export { SlackEmulator, type StartOptions } from './emulator';
export * from './fixture';
export { TRIGGER_TTL_MS } from './methods/views';
export type * from './types';
export { MAX_VIEW_BYTES } from './views-validation';
