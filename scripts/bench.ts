import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN, BOT_TOKEN, SECOPS_USERGROUP_ID, SlackEmulator } from '../test/emulator';
import { type AppProcess, startAppProcess } from './bench/app-process';
import { type CommandRequest, httpStatus, openedView, type Pair } from './bench/load';
import { LoadGenerator } from './bench/load-generator';
import { type BusyTime, startBusyClock } from './bench/process-cpu';
import { readResidentMemory } from './bench/process-memory';
import { type LatencySummary, summarize } from './bench/stats';

const USAGE = `Usage: npm run bench [-- [--requests N] [--cpu-prof DIR]]

Builds the app, starts it as "node dist/index.js" in HTTP mode against the local Slack emulator (both on
127.0.0.1), fires N concurrent signed /reset-sessions commands, then N concurrent form submissions from a
separate load process, and prints latency, error and memory figures. N is 200 by default. No Slack account
or network is needed.

  --requests N     concurrent commands, then concurrent submissions (default 200)
  --cpu-prof DIR   runs the app with "node --cpu-prof" and writes its .cpuprofile to DIR on shutdown
`;

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
/** Time the app is left alone after start-up before idle memory is read. */
const IDLE_SETTLE_MS = 2_000;
const OPEN_WAIT_MS = 15_000;
const RUNS_WAIT_MS = 60_000;
/** Commands and submissions sent one at a time before measuring, so that start-up JIT work is not counted. */
const WARM_UP_REQUESTS = 20;

interface BenchResult {
  requests: number;
  startupMs: number;
  idleRssMiB: number | undefined;
  peakRssMiB: number | undefined;
  commandAck: LatencySummary;
  commandToOpen: LatencySummary;
  submissionAck: LatencySummary;
  /** Wall time and each process's CPU time from the first command until the last views.open. */
  commandBusy: BusyTime;
  /** The same from the first submission until the last outcome message. */
  submissionBusy: BusyTime;
  errors: string[];
  shutdown: { code: number | null; shutdownMs: number };
}

interface BenchOptions {
  requests: number;
  /** Folder for the app's CPU profile; no profiling when undefined. */
  cpuProfDir: string | undefined;
}

function parseOptions(argv: string[]): BenchOptions | undefined {
  let values: { requests?: string; 'cpu-prof'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { requests: { type: 'string' }, 'cpu-prof': { type: 'string' } },
      strict: true,
    }));
  } catch {
    return undefined;
  }
  const requests = Number(values.requests ?? '200');
  const cpuProfDir = values['cpu-prof'];
  if (!Number.isInteger(requests) || requests < 1 || cpuProfDir === '') {
    return undefined;
  }
  return { requests, cpuProfDir: cpuProfDir === undefined ? undefined : path.resolve(cpuProfDir) };
}

function build(): void {
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
      cwd: path.resolve(__dirname, '..'),
      stdio: 'pipe',
    });
  } catch (error) {
    const output = error instanceof Error && 'stdout' in error ? String(error.stdout) : String(error);
    if (!fs.existsSync(path.resolve(__dirname, '../dist/index.js'))) {
      throw new Error(`The build failed and dist/index.js is missing:\n${output}`);
    }
    process.stderr.write(
      `Warning: tsc reported errors; benchmarking the JavaScript it emitted anyway.\n${output}\n`,
    );
  }
}

function makePairs(emulator: SlackEmulator, count: number): Pair[] {
  const requesters = emulator.addGeneratedUsers(count);
  const targets = emulator.addGeneratedUsers(count);
  return requesters.map((requesterId, index) => ({ requesterId, targetId: targets[index] ?? requesterId }));
}

/** Allows every requester through a user group, so each command and submission runs the membership check. */
function allowRequesters(emulator: SlackEmulator, pairs: readonly Pair[]): void {
  emulator.addUsergroup(
    SECOPS_USERGROUP_ID,
    pairs.map((pair) => pair.requesterId),
  );
}

async function startApp(
  emulator: SlackEmulator,
  dataDir: string,
  cpuProfDir: string | undefined,
): Promise<AppProcess> {
  const nodeArgs = cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`];
  return startAppProcess(nodeArgs, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ALLOWED_USERGROUP_IDS: SECOPS_USERGROUP_ID,
    AUDIT_DB_PATH: path.join(dataDir, 'audit.sqlite3'),
    // Debug lines would add the logger's own cost to every request, which a deployment does not pay.
    LOG_LEVEL: 'info',
    // The emulator enforces no rate limit, so pacing would only measure the app's own wait.
    ADMIN_CALLS_PER_MINUTE: '1000',
  });
}

function commandRequests(emulator: SlackEmulator, pairs: readonly Pair[]): CommandRequest[] {
  return pairs.map((pair) => ({
    pair,
    triggerId: emulator.issueTriggerId(),
    responseUrl: emulator.createResponseUrl(),
  }));
}

async function runBench({ requests, cpuProfDir }: BenchOptions): Promise<BenchResult> {
  build();
  const emulator = await SlackEmulator.start();
  const load = await LoadGenerator.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reset-sessions-bench-'));
  const errors: string[] = [];

  try {
    const warmUpPairs = makePairs(emulator, WARM_UP_REQUESTS);
    const pairs = makePairs(emulator, requests);
    allowRequesters(emulator, [...warmUpPairs, ...pairs]);
    const app = await startApp(emulator, dataDir, cpuProfDir);
    const eventsUrl = `http://127.0.0.1:${app.port}/slack/events`;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idle = readResidentMemory(app.pid);
    await warmUp(load, eventsUrl, emulator, warmUpPairs);
    const callsBefore = emulator.calls.length;
    const postsBefore = emulator.responseUrlPosts.length;
    const measuredCalls = (method: string) =>
      emulator.calls.slice(callsBefore).filter((call) => call.method === method);

    const stopCommandClock = startBusyClock(app.pid, load.pid);
    const commands = await load.commands(eventsUrl, SIGNING_SECRET, commandRequests(emulator, pairs));
    errors.push(
      ...commands
        .filter((shot) => httpStatus(shot) !== 200)
        .map((shot) => `command ${describe(shot.result)}`),
    );
    await emulator
      .waitFor(() => measuredCalls('views.open').length >= requests, OPEN_WAIT_MS)
      .catch(() =>
        errors.push(`views.open: only ${measuredCalls('views.open').length} of ${requests} calls`),
      );

    const commandBusy = stopCommandClock();
    const openCalls = measuredCalls('views.open');
    const forms = commands.flatMap((shot) => {
      const view = openedView(openCalls, shot.triggerId);
      if (view === undefined) {
        errors.push(`views.open failed for trigger ${shot.triggerId}`);
        return [];
      }
      return [{ pair: shot.pair, viewId: view.id, hash: view.hash, openMs: view.at - shot.sentAt }];
    });

    const stopSubmissionClock = startBusyClock(app.pid, load.pid);
    const submissions = await load.submissions(eventsUrl, SIGNING_SECRET, forms);
    for (const shot of submissions) {
      const status = httpStatus(shot);
      const body = 'body' in shot.result ? shot.result.body : '';
      if (status !== 200 || !body.includes('"response_action":"update"')) {
        errors.push(`submission ${describe(shot.result)}`);
      }
    }
    await emulator
      .waitFor(() => measuredCalls('admin.users.session.reset').length >= forms.length, RUNS_WAIT_MS)
      .catch(() =>
        errors.push(`resets: ${measuredCalls('admin.users.session.reset').length} of ${forms.length}`),
      );
    const failedResets = measuredCalls('admin.users.session.reset').filter((call) => call.status !== 200);
    errors.push(...failedResets.map((call) => `admin.users.session.reset answered ${call.status}`));
    // The outcome message is the last step of a run, so the clock then covers all the work the forms started.
    await emulator
      .waitFor(() => measuredCalls('chat.postMessage').length >= forms.length, RUNS_WAIT_MS)
      .catch(() =>
        errors.push(`outcome messages: ${measuredCalls('chat.postMessage').length} of ${forms.length}`),
      );
    errors.push(
      ...emulator.responseUrlPosts
        .slice(postsBefore)
        .map((post) => `reply to the requester: ${JSON.stringify(post.body)}`),
    );

    const submissionBusy = stopSubmissionClock();
    const peak = readResidentMemory(app.pid);
    const shutdown = await app.stop();
    return {
      requests,
      startupMs: app.startupMs,
      idleRssMiB: idle?.currentMiB,
      peakRssMiB: peak?.peakMiB,
      commandAck: summarize(commands.map((shot) => shot.ackMs)),
      commandToOpen: summarize(forms.map((form) => form.openMs)),
      submissionAck: summarize(submissions.map((shot) => shot.ackMs)),
      commandBusy,
      submissionBusy,
      errors,
      shutdown,
    };
  } finally {
    await load.stop();
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends commands and submissions one at a time and waits for each run, failing on any error. */
async function warmUp(
  load: LoadGenerator,
  eventsUrl: string,
  emulator: SlackEmulator,
  pairs: readonly Pair[],
): Promise<void> {
  for (const pair of pairs) {
    const [command] = await load.commands(eventsUrl, SIGNING_SECRET, commandRequests(emulator, [pair]));
    if (command === undefined) {
      continue;
    }
    await emulator.waitFor(() => openedView(emulator.callsTo('views.open'), command.triggerId) !== undefined);
    const view = openedView(emulator.callsTo('views.open'), command.triggerId);
    if (view === undefined) {
      throw new Error('Warm-up: views.open failed.');
    }
    const resets = emulator.callsTo('admin.users.session.reset').length;
    await load.submissions(eventsUrl, SIGNING_SECRET, [{ pair, viewId: view.id, hash: view.hash }]);
    await emulator.waitFor(() => emulator.callsTo('admin.users.session.reset').length > resets);
  }
}

function describe(result: { status: number; body: string } | { error: string }): string {
  return 'error' in result
    ? `failed: ${result.error}`
    : `answered ${result.status}: ${result.body.slice(0, 120)}`;
}

function formatMs(value: number): string {
  return Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`;
}

function formatMiB(value: number | undefined): string {
  return value === undefined ? 'n/a (no /proc)' : `${value.toFixed(1)} MiB`;
}

function latencyLine(name: string, summary: LatencySummary): string {
  return (
    `${name.padEnd(26)} p50 ${formatMs(summary.p50)}, p95 ${formatMs(summary.p95)}, ` +
    `p99 ${formatMs(summary.p99)}, max ${formatMs(summary.max)} (n=${summary.count})`
  );
}

function busyLine(name: string, busy: BusyTime): string {
  const cpu = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);
  return (
    `${name.padEnd(26)} ${busy.wallMs.toFixed(0)} ms wall; CPU: app ${cpu(busy.appCpuMs)}, ` +
    `emulator ${cpu(busy.emulatorCpuMs)}, load generator ${cpu(busy.loadCpuMs)}`
  );
}

function report(result: BenchResult): string {
  const lines = [
    `Reset Sessions HTTP load: ${result.requests} concurrent commands, then ${result.requests} submissions`,
    `Machine: ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, ${os.platform()} ${os.release()}`,
    '',
    `start-up (spawn to listening)  ${formatMs(result.startupMs)}`,
    `idle RSS after start           ${formatMiB(result.idleRssMiB)}`,
    `peak RSS                       ${formatMiB(result.peakRssMiB)}`,
    latencyLine('command ack', result.commandAck),
    latencyLine('command to views.open', result.commandToOpen),
    latencyLine('submission ack', result.submissionAck),
    busyLine('commands until views.open', result.commandBusy),
    busyLine('submissions until outcomes', result.submissionBusy),
    `errors                         ${result.errors.length}`,
    ...result.errors.slice(0, 10).map((error) => `  - ${error}`),
    `shutdown on SIGTERM            exit ${result.shutdown.code} after ${formatMs(result.shutdown.shutdownMs)}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  const result = await runBench(options);
  process.stdout.write(report(result));
  return result.errors.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
