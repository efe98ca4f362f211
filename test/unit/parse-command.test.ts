import { parseCommand } from '../../src/targets/parse-command';

describe('parseCommand', () => {
  it.each(['help', ' HELP ', 'Help'])('reads %p as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it('reads history with a person', () => {
    const parsed = parseCommand('history <@W0ALICE|alice>');
    expect(parsed.kind === 'history' && parsed.targets.userIds).toEqual(['W0ALICE']);
  });

  it('reads history alone', () => {
    const parsed = parseCommand('history');
    expect(parsed.kind === 'history' && parsed.targets.userIds).toEqual([]);
  });

  it('treats everything else as people to reset', () => {
    const parsed = parseCommand('<@W0ALICE> helpdesk@example.com');
    expect(parsed.kind === 'reset' && parsed.targets.emails).toEqual(['helpdesk@example.com']);
  });

  it('reads empty text as a reset with nobody named', () => {
    const parsed = parseCommand('');
    expect(parsed.kind === 'reset' && parsed.targets.userIds).toEqual([]);
  });
});
