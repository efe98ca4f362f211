import { type Logger, LogLevel } from '@slack/logger';

/**
 * Base for loggers that turn each call into one line: subclasses decide where the line goes. Implements
 * Bolt's `Logger` interface, so an instance can be handed to `App` and `WebClient`.
 */
export abstract class LineLogger implements Logger {
  protected level: LogLevel;
  protected name: string;

  protected constructor(level: LogLevel, name: string) {
    this.level = level;
    this.name = name;
  }

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

  protected abstract write(level: LogLevel, messages: unknown[]): void;
}
