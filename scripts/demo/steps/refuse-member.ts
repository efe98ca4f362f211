import { ALICE_ID, GENERAL_CHANNEL_ID, MEMBER_ID } from '../../../test/emulator';
import { postSlashCommand } from '../../../test/support/slack-requests';
import { DEMO_SIGNING_SECRET } from '../environment';
import { callsSince, DemoCheckError, postsTo, readMessage } from '../recordings';
import { renderMrkdwn } from '../render-blocks';
import { personLabel, renderOptions, requireAccepted, type StepContext, waitFor } from '../step-context';

/** Runs the slash command as a member missing from ALLOWED_USER_IDS and shows the refusal. */
export async function refuseMember(context: StepContext): Promise<void> {
  const { env, report } = context;
  const { emulator } = env;
  const text = `<@${ALICE_ID}|alice>`;
  report.step(
    `${personLabel(context, MEMBER_ID)}, who is not in ALLOWED_USER_IDS, runs: /reset-sessions ${text}`,
  );
  const since = emulator.calls.length;
  const responseUrl = emulator.createResponseUrl();

  const response = await postSlashCommand(env.eventsUrl, DEMO_SIGNING_SECRET, {
    text,
    user_id: MEMBER_ID,
    user_name: 'member',
    trigger_id: emulator.issueTriggerId(),
    response_url: responseUrl,
  });
  requireAccepted(response, 'The slash command');
  report.line(`The app acknowledged the command with HTTP ${response.status}.`);

  // The security channel post runs in the background, so it is awaited here to keep it out of step 3.
  const channelPosts = () =>
    callsSince(emulator, since, 'chat.postMessage').filter(
      (call) => call.args.channel === GENERAL_CHANNEL_ID,
    );
  await waitFor(
    context,
    () => postsTo(emulator, responseUrl).length > 0 && channelPosts().length > 0,
    'the refusal reply and its security channel post',
  );
  if (callsSince(emulator, since, 'views.open').length > 0) {
    throw new DemoCheckError('The app opened the reset modal for a requester it must refuse.');
  }

  const [reply] = postsTo(emulator, responseUrl);
  const refusal = readMessage(reply?.body, 'The refusal reply');
  report.line('Ephemeral reply on the response_url:');
  report.line(renderMrkdwn(refusal.text, renderOptions(context)), 2);

  const [post] = channelPosts();
  const notice = readMessage(post?.args, 'The security channel post');
  report.line(`Security channel post in #general: ${renderMrkdwn(notice.text, renderOptions(context))}`);
}
