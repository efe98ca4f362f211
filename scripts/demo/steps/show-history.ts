import { ADMIN_ID } from '../../../test/emulator';
import { postSlashCommand } from '../../../test/support/slack-requests';
import { DEMO_SIGNING_SECRET } from '../environment';
import { postsTo, readMessage } from '../recordings';
import { renderBlocks } from '../render-blocks';
import { personLabel, renderOptions, requireAccepted, type StepContext, waitFor } from '../step-context';

/** Runs `/reset-sessions history` as the admin and shows the ephemeral reply. */
export async function showHistory(context: StepContext): Promise<void> {
  const { env, report } = context;
  const { emulator } = env;
  report.step(`${personLabel(context, ADMIN_ID)} runs: /reset-sessions history`);
  const responseUrl = emulator.createResponseUrl();

  const response = await postSlashCommand(env.eventsUrl, DEMO_SIGNING_SECRET, {
    text: 'history',
    trigger_id: emulator.issueTriggerId(),
    response_url: responseUrl,
  });
  requireAccepted(response, 'The slash command');
  report.line(`The app acknowledged the command with HTTP ${response.status}.`);

  await waitFor(context, () => postsTo(emulator, responseUrl).length > 0, 'the history reply');
  const [reply] = postsTo(emulator, responseUrl);
  const history = readMessage(reply?.body, 'The history reply');
  report.line('Ephemeral reply on the response_url:');
  report.lines(renderBlocks(history.blocks, renderOptions(context)), 2);
}
