import fc from 'fast-check';
import type { StateValues } from './slack-requests';

/** User ids of the emulator's org, mixed into generated text so some entries name real people. */
const KNOWN_USER_IDS = [
  'W0ALICE',
  'W0BOB',
  'W0CAROL',
  'W0OWNER',
  'W0BOTUSER',
  'W0GONE',
  'W0MEMBER',
  'W0ADMIN',
];

const userId = fc.oneof(fc.constantFrom(...KNOWN_USER_IDS), fc.stringMatching(/^[UW][A-Z0-9]{0,12}$/));

/** One entry of the kinds Slack puts in escaped slash command text, plus near misses and noise. */
const commandEntry = fc.oneof(
  userId,
  userId.map((id) => `<@${id}>`),
  fc.tuple(userId, fc.string({ maxLength: 20 })).map(([id, label]) => `<@${id}|${label}>`),
  fc.emailAddress(),
  fc.emailAddress().map((email) => `<mailto:${email}|${email}>`),
  fc.stringMatching(/^<#C[A-Z0-9]{2,10}(\|[a-z-]{0,10})?>$/),
  fc.constantFrom('<!here>', '<!channel>', '<!everyone>', '@alice', 'help', 'history', 'sessions', 'HELP'),
  fc.stringMatching(/^<!subteam\^S[A-Z0-9]{2,10}(\|@[a-z]{0,8})?>$/),
  fc.stringMatching(/^S[A-Z0-9]{2,10}$/),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const separator = fc.constantFrom(' ', ',', ', ', '\n', '\t', '  ', '');

/** Slash command text: entries joined by whitespace or commas, or any string at all. */
export const commandText: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(commandEntry, separator), { maxLength: 25 })
    .map((parts) => parts.map(([entry, sep]) => `${entry}${sep}`).join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** A value shaped like one of the element states Slack sends in `view.state.values`. */
const elementState = fc.oneof(
  fc.record({
    type: fc.constant('multi_users_select'),
    selected_users: fc.array(userId, { maxLength: 120 }),
  }),
  fc.record({
    type: fc.constant('radio_buttons'),
    selected_option: fc.option(
      fc.record({
        text: fc.record({ type: fc.constant('plain_text' as const), text: fc.string({ maxLength: 20 }) }),
        value: fc.oneof(fc.constantFrom('all', 'mobile', 'web'), fc.string({ maxLength: 10 })),
      }),
      { nil: null },
    ),
  }),
  fc.record({
    type: fc.constant('plain_text_input'),
    value: fc.option(fc.string({ unit: 'grapheme', maxLength: 1_200 }), { nil: null }),
  }),
  fc.record({
    type: fc.constant('checkboxes'),
    selected_options: fc.array(
      fc.record({
        text: fc.record({ type: fc.constant('plain_text' as const), text: fc.string({ maxLength: 10 }) }),
        value: fc.oneof(fc.constant('dry_run'), fc.string({ maxLength: 10 })),
      }),
      { maxLength: 3 },
    ),
  }),
);

/**
 * `view.state.values` for a form with the given inputs: each input is missing, or holds a random element
 * state of any of Slack's shapes, so a reader meets types it did not expect for that block.
 */
export function stateValuesFor(
  inputs: readonly { blockId: string; actionId: string }[],
): fc.Arbitrary<StateValues> {
  return fc
    .array(fc.option(elementState, { nil: undefined }), {
      minLength: inputs.length,
      maxLength: inputs.length,
    })
    .map((states) => {
      const values: StateValues = {};
      inputs.forEach((input, index) => {
        const state = states[index];
        if (state !== undefined) {
          values[input.blockId] = { [input.actionId]: state };
        }
      });
      return values;
    });
}

/** `private_metadata` as the reset modal writes it, or anything a stale or forged view could carry. */
export const privateMetadata: fc.Arbitrary<string> = fc.oneof(
  fc.constant(JSON.stringify({ channel_id: 'C0GENERAL' })),
  fc.json(),
  fc.string({ maxLength: 100 }),
);

/**
 * `view.state.values` of the reset form with the element each input really has, holding random content:
 * user ids valid or not, any scope value, any reason. Many of these pass validation.
 */
export const resetFormValues: fc.Arbitrary<StateValues> = fc
  .record({
    users: fc.array(userId, { maxLength: 30 }),
    scope: fc.oneof(fc.constantFrom('all', 'mobile', 'web'), fc.string({ maxLength: 8 })),
    reason: fc.option(fc.string({ unit: 'grapheme', maxLength: 1_100 }), { nil: null }),
  })
  .map(({ users, scope, reason }) => ({
    targets: { users: { type: 'multi_users_select', selected_users: users } },
    scope: {
      scope: {
        type: 'radio_buttons',
        selected_option: { text: { type: 'plain_text', text: scope }, value: scope },
      },
    },
    reason: { reason: { type: 'plain_text_input', value: reason } },
  }));
