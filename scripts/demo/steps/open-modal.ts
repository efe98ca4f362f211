import { ADMIN_ID, ALICE_ID } from '../../../test/emulator';
import { isRecord } from '../../../test/emulator/args';
import { postSlashCommand } from '../../../test/support/slack-requests';
import { DEMO_SIGNING_SECRET } from '../environment';
import {
  callsSince,
  DemoCheckError,
  describeTokenType,
  postsTo,
  readMessage,
  readModal,
  readString,
} from '../recordings';
import { renderModal } from '../render-blocks';
import {
  personLabel,
  renderOptions,
  requireAccepted,
  requireSucceeded,
  type StepContext,
  waitFor,
} from '../step-context';

/** A mention, an email address to look up, and an entry that is not a person. */
export const RESET_COMMAND_TEXT = `<@${ALICE_ID}|alice> bob@example.com #not-a-person`;

/** Runs the slash command as the allowed admin and shows the modal before and after the email look-up. */
export async function openResetModal(context: StepContext): Promise<string> {
  const { env, report } = context;
  const { emulator } = env;
  report.step(`${personLabel(context, ADMIN_ID)} runs: /reset-sessions ${RESET_COMMAND_TEXT}`);
  const since = emulator.calls.length;
  const responseUrl = emulator.createResponseUrl();

  const response = await postSlashCommand(env.eventsUrl, DEMO_SIGNING_SECRET, {
    text: RESET_COMMAND_TEXT,
    trigger_id: emulator.issueTriggerId(),
    response_url: responseUrl,
  });
  requireAccepted(response, 'The slash command');
  report.line(`The app acknowledged the command with HTTP ${response.status}.`);

  // A reply on the response URL means the app gave up on the modal, so waiting longer would only hide why.
  await waitFor(
    context,
    () => callsSince(emulator, since, 'views.update').length > 0 || postsTo(emulator, responseUrl).length > 0,
    'views.update after the email look-up',
  );
  const [reply] = postsTo(emulator, responseUrl);
  if (reply !== undefined) {
    const { text } = readMessage(reply.body, 'The reply');
    throw new DemoCheckError(`The app replied instead of showing the modal: ${text}`);
  }

  const open = requireSucceeded(callsSince(emulator, since, 'views.open')[0], 'views.open');
  report.line(`views.open (${describeTokenType(open.tokenType)}) showed:`);
  report.lines(renderModal(readModal(open.args.view, 'views.open'), renderOptions(context)), 2);

  const lookup = requireSucceeded(
    callsSince(emulator, since, 'users.lookupByEmail')[0],
    'users.lookupByEmail',
  );
  const email = readString(lookup.args, 'email', 'users.lookupByEmail');
  const found = foundUser(context, lookup.response);
  report.line(`users.lookupByEmail (${describeTokenType(lookup.tokenType)}): ${email} is ${found}.`);

  const update = requireSucceeded(callsSince(emulator, since, 'views.update')[0], 'views.update');
  report.line(`views.update (${describeTokenType(update.tokenType)}) replaced it with:`);
  report.lines(renderModal(readModal(update.args.view, 'views.update'), renderOptions(context)), 2);
  return readString(update.args, 'view_id', 'views.update');
}

function foundUser(context: StepContext, response: unknown): string {
  if (isRecord(response) && isRecord(response.user) && typeof response.user.id === 'string') {
    return personLabel(context, response.user.id);
  }
  throw new DemoCheckError('users.lookupByEmail returned no user id.');
}
