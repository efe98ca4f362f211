import { LogLevel } from '@slack/logger';
import { LineLogger } from '../../src/logging/line-logger';

/** A Bolt-compatible logger that keeps every line in memory, so tests can assert on logs and scan them for secrets. */
export class MemoryLogger extends LineLogger {
  readonly lines: string[] = [];

  constructor() {
    super(LogLevel.DEBUG, 'test');
  }

  /** Structured events (JSON lines written by the app) with the given `event` name. */
  events(name: string): Record<string, unknown>[] {
    return this.lines
      .map((line) => line.slice(line.indexOf('{')))
      .filter((json) => json.startsWith('{'))
      .flatMap((json) => {
        try {
          const parsed: unknown = JSON.parse(json);
          return isRecord(parsed) && parsed.event === name ? [parsed] : [];
        } catch {
          return [];
        }
      });
  }

  protected write(level: LogLevel, messages: unknown[]): void {
    const text = messages
      .map((message) => (message instanceof Error ? message.stack : String(message)))
      .join(' ');
    this.lines.push(`[${level}] ${this.name} ${text}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
