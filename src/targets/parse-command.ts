import { type ParsedTargets, parseTargets } from './parse-command-text';

/**
 * The request in `/reset-sessions` text: usage, the audit history, one person's active sessions, or a reset
 * of the people named.
 */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'history'; targets: ParsedTargets }
  | { kind: 'sessions'; targets: ParsedTargets }
  | { kind: 'reset'; targets: ParsedTargets };

const SUBCOMMANDS = new Set(['help', 'history', 'sessions']);

/** Reads the first word as a subcommand when it is one, so a person is never mistaken for a subcommand. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const subcommand = first.toLowerCase();

  if (!SUBCOMMANDS.has(subcommand)) {
    return { kind: 'reset', targets: parseTargets(trimmed) };
  }
  if (subcommand === 'history' || subcommand === 'sessions') {
    return { kind: subcommand, targets: parseTargets(rest.join(' ')) };
  }
  return { kind: 'help' };
}
