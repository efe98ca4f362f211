import { parseTargets, splitEntries } from '../../src/targets/parse-command-text';

describe('parseTargets', () => {
  it('reads escaped mentions with and without labels', () => {
    const parsed = parseTargets('<@W0ALICE|alice> <@U0BOB>');
    expect(parsed.userIds).toEqual(['W0ALICE', 'U0BOB']);
  });

  it('reads bare user ids', () => {
    expect(parseTargets('W0ALICE U0123ABC').userIds).toEqual(['W0ALICE', 'U0123ABC']);
  });

  it('reads plain and mailto emails in lower case', () => {
    const parsed = parseTargets('Alice@Example.com <mailto:bob@example.com|bob@example.com>');
    expect(parsed.emails).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('splits on commas as well as spaces', () => {
    expect(parseTargets('W0ALICE,W0BOB, carol@example.com').userIds).toEqual(['W0ALICE', 'W0BOB']);
  });

  it('drops repeats and counts them', () => {
    const parsed = parseTargets('<@W0ALICE> W0ALICE <@W0ALICE|alice> a@example.com A@example.com');
    expect(parsed.userIds).toEqual(['W0ALICE']);
    expect(parsed.emails).toEqual(['a@example.com']);
    expect(parsed.duplicateCount).toBe(3);
  });

  it.each([
    ['<#C0GENERAL|general>', 'a channel, not a person'],
    ['<!here>', 'a group notification, not a person'],
    ['<!channel|channel>', 'a group notification, not a person'],
    ['@carol', 'a plain name Slack did not turn into a mention; pick the person from the autocomplete list'],
    ['hello', 'not a user mention, user ID or email address'],
  ])('ignores %s', (text, reason) => {
    const parsed = parseTargets(text);
    expect(parsed.userIds).toEqual([]);
    expect(parsed.emails).toEqual([]);
    expect(parsed.ignored).toEqual([{ text, reason }]);
  });

  it('reads user group mentions and bare group ids', () => {
    const parsed = parseTargets('<!subteam^S0SECOPS|@secops> S0ONCALL');
    expect(parsed.usergroupIds).toEqual(['S0SECOPS', 'S0ONCALL']);
    expect(parsed.ignored).toEqual([]);
  });

  it('reads a pasted list one per line', () => {
    const parsed = parseTargets('W0ALICE\r\nbob@example.com\n\nS0SECOPS\n');
    expect(parsed.userIds).toEqual(['W0ALICE']);
    expect(parsed.emails).toEqual(['bob@example.com']);
    expect(parsed.usergroupIds).toEqual(['S0SECOPS']);
  });

  it('keeps a mention label with spaces whole', () => {
    expect(splitEntries('<@W0ALICE|Alice Smith> x')).toEqual(['<@W0ALICE|Alice Smith>', 'x']);
  });

  it('returns nothing for blank text', () => {
    expect(parseTargets('   \n\t ')).toEqual({
      userIds: [],
      emails: [],
      usergroupIds: [],
      ignored: [],
      duplicateCount: 0,
    });
  });

  it('shortens very long ignored entries', () => {
    const [ignored] = parseTargets('x'.repeat(500)).ignored;
    expect(ignored?.text).toHaveLength(80);
  });

  it('handles unicode text without crashing', () => {
    const parsed = parseTargets('🙂 <@W0ALICE> ünïcødé 名前');
    expect(parsed.userIds).toEqual(['W0ALICE']);
    expect(parsed.ignored).toHaveLength(3);
  });

  it('rejects lower-case look-alike ids', () => {
    expect(parseTargets('w0alice').userIds).toEqual([]);
  });
});
