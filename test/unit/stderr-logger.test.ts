import { LogLevel } from '@slack/logger';
import { StderrLogger } from '../../src/cli/terminal';

const EXPAND_FAILED = JSON.stringify({
  event: 'usergroup_expand_failed',
  usergroup_id: 'S0SECOPS',
  error: 'ratelimited',
});

/** Runs `log` against a logger and returns what it wrote to standard error. */
function stderrOf(log: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    log();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('StderrLogger', () => {
  it('leaves out JSON warnings by default', () => {
    expect(stderrOf(() => new StderrLogger().warn(EXPAND_FAILED))).toBe('');
  });

  it('prints plain warnings by default', () => {
    expect(stderrOf(() => new StderrLogger().warn('slow answer'))).toBe(
      '[WARN] reset-sessions slow answer\n',
    );
  });

  it('prints JSON errors as text by default', () => {
    const stopped = JSON.stringify({ event: 'bulk_reset_stopped', error: 'invalid_auth', not_attempted: 4 });

    expect(stderrOf(() => new StderrLogger().error(stopped))).toBe(
      '[ERROR] reset-sessions bulk_reset_stopped: error=invalid_auth, not_attempted=4\n',
    );
  });

  it('prints JSON warnings at debug level', () => {
    const logger = new StderrLogger();
    logger.setLevel(LogLevel.DEBUG);

    expect(stderrOf(() => logger.warn(EXPAND_FAILED))).toBe(`[WARN] reset-sessions ${EXPAND_FAILED}\n`);
  });

  it('prints JSON warnings when asked', () => {
    expect(stderrOf(() => new StderrLogger({ structured: true }).warn(EXPAND_FAILED))).toBe(
      `[WARN] reset-sessions ${EXPAND_FAILED}\n`,
    );
  });
});
