import { ADMIN_ID, ALICE_ID, BOB_ID, BOT_TOKEN, MEMBER_ID, type SlackEmulator } from '../emulator';
import {
  collectText,
  type FlowTarget,
  initialUsers,
  onlyView,
  postsTo,
  repliesTo,
  responseViewId,
  sendCommand,
  submitReset,
  useAppUnderTest,
  waitForPost,
  waitForReply,
} from '../support/reset-flow';

describe('/reset-sessions command', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;

  useAppUnderTest('reset-command', (started) => {
    ({ emulator, target } = started);
  });

  it('prefills escaped mentions and bare ids', async () => {
    const { response, responseUrl } = await sendCommand(target, `<@${ALICE_ID}|alice> ${BOB_ID}`);
    expect(response.status).toBe(200);

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const [open] = emulator.callsTo('views.open');
    expect(open?.token).toBe(BOT_TOKEN);
    expect(open?.response).toMatchObject({ ok: true });
    expect(initialUsers(onlyView(emulator))).toEqual([ALICE_ID, BOB_ID]);
    expect(emulator.callsTo('users.lookupByEmail')).toHaveLength(0);
    expect(repliesTo(emulator, responseUrl)).toEqual([]);
  });

  it('looks up emails after views.open', async () => {
    await sendCommand(target, `<mailto:carol@example.com|carol@example.com> <@${ALICE_ID}>`);

    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);
    const methods = emulator.calls.map((call) => call.method);
    expect(methods.indexOf('views.open')).toBeLessThan(methods.indexOf('users.lookupByEmail'));
    expect(methods.indexOf('users.lookupByEmail')).toBeLessThan(methods.indexOf('views.update'));
    expect(emulator.callsTo('users.lookupByEmail')[0]?.args.email).toBe('carol@example.com');
    expect(emulator.callsTo('users.lookupByEmail')[0]?.token).toBe(BOT_TOKEN);
  });

  it('updates the opened view with people found by email', async () => {
    await sendCommand(target, `member@example.com <@${ALICE_ID}>`);

    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);
    const [open] = emulator.callsTo('views.open');
    const [update] = emulator.callsTo('views.update');
    expect(collectText(open?.args.view)).toContain('Looking up 1 email address…');
    expect(update?.args.view_id).toBe(responseViewId(open));
    expect(update?.response).toMatchObject({ ok: true });
    expect(initialUsers(onlyView(emulator))).toEqual([ALICE_ID, MEMBER_ID]);
    expect(collectText(onlyView(emulator))).not.toContain('Looking up');
  });

  it('lists unknown emails as skipped', async () => {
    await sendCommand(target, `nobody@example.com <@${ALICE_ID}>`);

    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);
    const view = onlyView(emulator);
    expect(initialUsers(view)).toEqual([ALICE_ID]);
    expect(collectText(view)).toContain('Skipped `nobody@example.com`: no one in Slack has this address.');
  });

  it('names ignored entries in the modal', async () => {
    await sendCommand(target, `<#C0GENERAL|general> <!here> @bob <@${ALICE_ID}> <@${ALICE_ID}>`);

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const text = collectText(onlyView(emulator));
    expect(initialUsers(onlyView(emulator))).toEqual([ALICE_ID]);
    expect(text).toContain('Ignored `&lt;#C0GENERAL|general&gt;`: a channel, not a person.');
    expect(text).toContain('Ignored `&lt;!here&gt;`: a group notification, not a person.');
    expect(text).toContain('Ignored `@bob`: a plain name Slack did not turn into a mention');
    expect(text).toContain('Ignored 1 repeated entry.');
  });

  it('opens an empty form for only non-people', async () => {
    await sendCommand(target, '<!channel> hello, <#C0RANDOM>');

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const view = onlyView(emulator);
    expect(initialUsers(view)).toEqual([]);
    expect(collectText(view)).toContain('Ignored `hello`: not a user mention, user ID or email address.');
    expect(collectText(view)).toContain('Ignored `&lt;#C0RANDOM&gt;`: a channel, not a person.');
  });

  it('keeps unicode entries intact', async () => {
    await sendCommand(target, `Zoë 名前 🙂 <@${ALICE_ID}>`);

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const text = collectText(onlyView(emulator));
    expect(initialUsers(onlyView(emulator))).toEqual([ALICE_ID]);
    expect(text).toContain('Ignored `Zoë`');
    expect(text).toContain('Ignored `名前`');
    expect(text).toContain('Ignored `🙂`');
  });

  it('answers help via response_url', async () => {
    const { responseUrl } = await sendCommand(target, 'help');

    const reply = await waitForReply(emulator, responseUrl);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(collectText(reply)).toContain('`/reset-sessions @alice @bob`');
    expect(collectText(reply)).toContain('`/reset-sessions history`');
    expect(emulator.callsTo('views.open')).toHaveLength(0);
  });

  it('prefills exactly 100 people', async () => {
    const userIds = emulator.addGeneratedUsers(100);

    await sendCommand(target, userIds.join(' '));

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    expect(initialUsers(onlyView(emulator))).toEqual(userIds);
  });

  it('opens the bulk form for 101 people', async () => {
    const userIds = emulator.addGeneratedUsers(101);

    const { responseUrl } = await sendCommand(target, userIds.join(' '));

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    expect(emulator.callsTo('views.open')[0]?.response).toMatchObject({ ok: true });
    expect(collectText(onlyView(emulator))).toContain('101');
    expect(repliesTo(emulator, responseUrl)).toEqual([]);
  });

  it('opens the form for 50 kB of text', async () => {
    const words = Array.from({ length: 6000 }, (_, index) => `word${index}`);
    const text = `<@${ALICE_ID}> ${words.join(' ')}`;
    expect(text.length).toBeGreaterThan(50_000);

    const { response, responseUrl } = await sendCommand(target, text);
    expect(response.status).toBe(200);

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    expect(emulator.callsTo('views.open')[0]?.response).toMatchObject({ ok: true });
    const view = onlyView(emulator);
    expect(initialUsers(view)).toEqual([ALICE_ID]);
    expect(collectText(view)).toContain('Ignored `word0`');
    expect(collectText(view)).toContain('5980 more entries were ignored.');
    expect(repliesTo(emulator, responseUrl)).toEqual([]);
  });

  it('never puts the form back over the outcome', async () => {
    // The look-up answers only after the admin has submitted and the outcome is shown.
    emulator.fault('users.lookupByEmail', { delayMs: 400 });
    await sendCommand(target, `bob@example.com <@${ALICE_ID}>`);
    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const viewId = responseViewId(emulator.callsTo('views.open')[0]);

    await submitReset(target, { users: [ALICE_ID], scope: 'all', reason: 'stolen laptop', viewId });
    await waitForPost(emulator, ADMIN_ID);
    await emulator.waitFor(() => emulator.callsTo('users.lookupByEmail').length === 1);
    await emulator.waitFor(() => emulator.callsTo('views.update').length === 2);

    const [outcomeUpdate, emailUpdate] = emulator.callsTo('views.update');
    expect(outcomeUpdate?.response).toMatchObject({ ok: true });
    expect(emailUpdate?.response).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(onlyView(emulator).title.text).toBe('Reset finished');
    expect(postsTo(emulator, ADMIN_ID)).toHaveLength(1);
  });
});
