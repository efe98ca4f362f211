import { type Logger, LogLevel } from '@slack/logger';

/** A Bolt-compatible logger that keeps every line in memory, so tests can assert on logs and scan them for secrets. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  private level: LogLevel = LogLevel.DEBUG;
  private name = 'test';

  debug(...messages: unknown[]): void {
    this.write(LogLevel.DEBUG, messages);
  }

  info(...messages: unknown[]): void {
    this.write(LogLevel.INFO, messages);
  }

  warn(...messages: unknown[]): void {
    this.write(LogLevel.WARN, messages);
  }

  error(...messages: unknown[]): void {
    this.write(LogLevel.ERROR, messages);
  }

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  getLevel(): LogLevel {
    return this.level;
  }

  setName(name: string): void {
    this.name = name;
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

  private write(level: LogLevel, messages: unknown[]): void {
    const text = messages
      .map((message) => (message instanceof Error ? message.stack : String(message)))
      .join(' ');
    this.lines.push(`[${level}] ${this.name} ${text}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
