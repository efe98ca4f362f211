import readline from 'node:readline';
import { LogLevel } from '@slack/logger';
import type { RunProgress } from '../bulk/run-progress';
import { LineLogger } from '../logging/line-logger';
import { progressCounts } from '../views/progress';

const LEVEL_ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** Options for `StderrLogger`. */
export interface StderrLoggerOptions {
  /** When true, structured JSON log lines are printed at every level; by default only LOG_LEVEL=debug shows them. */
  structured?: boolean;
}

/**
 * Writes log lines to standard error, so standard output keeps only the per-person results that scripts
 * read. Warnings and errors are shown by default, but a warning written as a JSON event (such as
 * `usergroup_expand_failed`) is left out, because the tool's own summary already reports its effect. An
 * error written as a JSON event is shown as `event: key=value, …` text. At the debug level, or with
 * `structured`, every line is printed as it was logged.
 */
export class StderrLogger extends LineLogger {
  private readonly structured: boolean;

  constructor(options: StderrLoggerOptions = {}) {
    super(LogLevel.WARN, 'reset-sessions');
    this.structured = options.structured ?? false;
  }

  protected write(level: LogLevel, messages: unknown[]): void {
    if (LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(this.level)) {
      return;
    }
    const text = messages
      .map((message) => (message instanceof Error ? message.message : String(message)))
      .join(' ');

    const event = this.structured || this.level === LogLevel.DEBUG ? undefined : parseEvent(text);
    if (event !== undefined && level !== LogLevel.ERROR) {
      return;
    }
    const line = event === undefined ? text : eventText(event);
    process.stderr.write(`[${level.toUpperCase()}] ${this.name} ${line}\n`);
  }
}

/** Reads a log line written as `JSON.stringify({ event, ... })`, or returns undefined for any other text. */
function parseEvent(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'event' in value) {
      return { ...value };
    }
  } catch {
    // Text that only looks like JSON is printed unchanged.
  }
  return undefined;
}

function eventText(event: Record<string, unknown>): string {
  const { event: name, ...fields } = event;
  const details = Object.entries(fields).map(
    ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return details.length === 0 ? String(name) : `${String(name)}: ${details.join(', ')}`;
}

const BAR_WIDTH = 30;

/**
 * Shows progress on standard error: a bar redrawn in place on a terminal, or a plain line at most every
 * `intervalMs` otherwise, so a log file gets a few lines instead of thousands.
 */
export interface ProgressBarOptions {
  /** When true, the counts read "would be signed out" instead of "signed out". */
  dryRun?: boolean;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

export class ProgressBar {
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private readonly dryRun: boolean;
  private readonly stream: NodeJS.WriteStream;
  private readonly intervalMs: number;

  constructor(options: ProgressBarOptions = {}) {
    this.dryRun = options.dryRun ?? false;
    this.stream = options.stream ?? process.stderr;
    this.intervalMs = options.intervalMs ?? 2_000;
  }

  update(progress: RunProgress): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r${this.render(progress)}`);
      return;
    }
    if (Date.now() - this.lastLineAt >= this.intervalMs) {
      this.lastLineAt = Date.now();
      this.stream.write(`progress: ${progressCounts(progress, this.dryRun)}\n`);
    }
  }

  /** Ends the bar with the final counts on a line of its own. */
  finish(progress: RunProgress): void {
    this.stream.write(
      this.stream.isTTY
        ? `\r${this.render(progress)}\n`
        : `progress: ${progressCounts(progress, this.dryRun)}\n`,
    );
  }

  private render(progress: RunProgress): string {
    const done = progress.total - progress.remaining;
    const filled = progress.total === 0 ? BAR_WIDTH : Math.round((done / progress.total) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${progressCounts(progress, this.dryRun)}`;
  }
}

/** Asks a yes/no question on standard error and reads the answer from standard input; only "yes" confirms. */
export async function confirm(question: string): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => prompt.question(question, resolve));
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}
