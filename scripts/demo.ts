import { type DemoEnvironment, startDemoEnvironment } from './demo/environment';
import { DemoReport } from './demo/report';
import { runDemo } from './demo/run-demo';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** 128 plus the signal number, as shells report a process ended by SIGINT or SIGPIPE. */
const EXIT_INTERRUPTED = 130;
const EXIT_OUTPUT_CLOSED = 141;

const USAGE = `Usage: npm run demo [-- --verbose] [-- --keep]

Plays one /reset-sessions flow against the real app and a local Slack Web API emulator, both on
127.0.0.1. It needs no Slack account, no .env and no network, and deletes its temp folder when done.

  --verbose  also print the app's log lines at info level and above
  --keep     keep the audit database and print its path, to try npm run audit:export on it
  --help     print this message
`;

type DemoArgs = { kind: 'run'; verbose: boolean; keep: boolean } | { kind: 'help' };

function parseArgs(argv: readonly string[]): DemoArgs | { kind: 'invalid'; argument: string } {
  let verbose = false;
  let keep = false;
  for (const argument of argv) {
    if (argument === '--help' || argument === '-h') return { kind: 'help' };
    if (argument === '--verbose') {
      verbose = true;
    } else if (argument === '--keep') {
      keep = true;
    } else {
      return { kind: 'invalid', argument };
    }
  }
  return { kind: 'run', verbose, keep };
}

/**
 * Ends the demo early, after stopping the app and the emulator and deleting the temp folder: on Ctrl-C
 * (SIGINT), on SIGTERM, or when a reader such as `head` closes standard output (EPIPE). Node ignores
 * SIGPIPE, so a closed pipe shows up as an EPIPE error on the next write instead.
 */
class EarlyExit {
  private environment: Promise<DemoEnvironment | undefined> = Promise.resolve(undefined);
  private exiting = false;

  get isExiting(): boolean {
    return this.exiting;
  }

  /** Remembers the environment being started, so an exit during start-up still stops it. */
  track(environment: Promise<DemoEnvironment>): void {
    this.environment = environment.catch(() => undefined);
  }

  listen(): void {
    // `once`, so a second Ctrl-C ends the process at once if stopping hangs.
    process.once('SIGINT', () => this.exit(EXIT_INTERRUPTED));
    process.once('SIGTERM', () => this.exit(EXIT_INTERRUPTED));
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      this.exit(error.code === 'EPIPE' ? EXIT_OUTPUT_CLOSED : EXIT_FAILED);
    });
  }

  exit(code: number): void {
    if (this.exiting) return;
    this.exiting = true;
    this.environment
      .then((env) => env?.stop())
      .catch((error: unknown) => {
        process.stderr.write(`Stopping the demo failed: ${describe(error)}\n`);
      })
      .finally(() => process.exit(code));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.kind === 'invalid') {
    process.stderr.write(`Unknown argument: ${args.argument}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.kind === 'help') {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }

  const early = new EarlyExit();
  early.listen();
  const report = new DemoReport((text) => {
    if (!early.isExiting) process.stdout.write(text);
  });
  let env: DemoEnvironment | undefined;
  let code = EXIT_OK;
  try {
    const starting = startDemoEnvironment({ keepAuditDb: args.keep });
    early.track(starting);
    env = await starting;
    report.heading('Reset Sessions demo: the real app and a Slack Web API emulator, both on 127.0.0.1.');
    report.line(`Emulator: ${env.emulator.apiUrl}`);
    report.line(`App (HTTP mode): ${env.eventsUrl}`);
    report.line(`Audit file: ${env.auditDbPath} (${args.keep ? 'kept' : 'deleted'} at the end)`);
    report.finish(await runDemo({ env, report }));
  } catch (error) {
    if (early.isExiting) return EXIT_FAILED;
    code = EXIT_FAILED;
    const where = report.currentStep === undefined ? '' : ` in ${report.currentStep}`;
    process.stderr.write(`\nDemo failed${where}: ${describe(error)}\n`);
    if (!args.verbose) {
      process.stderr.write("Run 'npm run demo -- --verbose' to see the app's log lines.\n");
    }
  }

  if (args.verbose && env !== undefined && !early.isExiting) {
    printAppLog(env.logger.lines);
  }
  try {
    await env?.stop();
  } catch (error) {
    process.stderr.write(`Stopping the demo failed: ${describe(error)}\n`);
    code = EXIT_FAILED;
  }
  if (args.keep && env !== undefined && !early.isExiting) {
    printKeptAuditDb(env.auditDbPath);
  }
  return code;
}

/**
 * Prints what the app would log at its default LOG_LEVEL of info. Debug lines are left out because the
 * Web API client writes every request and response body at that level, which buries the app's own lines.
 */
function printAppLog(lines: readonly string[]): void {
  const infoLines = lines.filter((line) => !line.startsWith('[debug]'));
  process.stdout.write(`\nApp log, info level and above (${infoLines.length} lines):\n`);
  for (const line of infoLines) {
    process.stdout.write(`${line}\n`);
  }
}

function printKeptAuditDb(auditDbPath: string): void {
  const today = new Date().toISOString().slice(0, 10);
  process.stdout.write(
    `\nAudit database kept at ${auditDbPath}. Export it with:\n` +
      `  npm run audit:export -- --db ${auditDbPath} --since ${today}\n`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Demo failed: ${describe(error)}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
