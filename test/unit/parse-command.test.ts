import { type ParsedCommand, parseCommand } from '../../src/targets/parse-command';
import type { ParsedTargets } from '../../src/targets/parse-command-text';

/** Returns the targets of a parsed command, failing the test when the command is of another kind. */
function targetsOf(parsed: ParsedCommand, kind: 'history' | 'reset'): ParsedTargets {
  if (parsed.kind !== kind || !('targets' in parsed)) {
    throw new Error(`Expected a ${kind} command, got ${parsed.kind}.`);
  }
  return parsed.targets;
}

describe('parseCommand', () => {
  it.each(['help', ' HELP ', 'Help'])('reads %p as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it('reads history with a person', () => {
    const parsed = parseCommand('history <@W0ALICE|alice>');
    expect(targetsOf(parsed, 'history').userIds).toEqual(['W0ALICE']);
  });

  it('reads history alone', () => {
    const parsed = parseCommand('history');
    expect(targetsOf(parsed, 'history').userIds).toEqual([]);
  });

  it('treats everything else as people to reset', () => {
    const parsed = parseCommand('<@W0ALICE> helpdesk@example.com');
    expect(targetsOf(parsed, 'reset').emails).toEqual(['helpdesk@example.com']);
  });

  it('reads empty text as a reset with nobody named', () => {
    const parsed = parseCommand('');
    expect(targetsOf(parsed, 'reset').userIds).toEqual([]);
  });
});
