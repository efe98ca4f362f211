import { parseCommand } from '../../src/targets/parse-command';

describe('parseCommand sessions', () => {
  it('reads the person after sessions', () => {
    const parsed = parseCommand('sessions <@W0ALICE|alice>');
    expect(parsed).toMatchObject({ kind: 'sessions', targets: { userIds: ['W0ALICE'] } });
  });

  it('ignores the case of the subcommand', () => {
    expect(parseCommand('Sessions alice@example.com')).toMatchObject({
      kind: 'sessions',
      targets: { emails: ['alice@example.com'] },
    });
  });

  it('reads sessions with nobody named', () => {
    expect(parseCommand('sessions')).toMatchObject({
      kind: 'sessions',
      targets: { userIds: [], emails: [] },
    });
  });

  it('keeps a reset of people unchanged', () => {
    expect(parseCommand('<@W0ALICE>')).toMatchObject({ kind: 'reset', targets: { userIds: ['W0ALICE'] } });
  });
});
