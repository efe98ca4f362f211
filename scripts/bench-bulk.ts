import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { AuditTrail } from '../src/audit/audit-trail';
import { SecurityChannel } from '../src/audit/security-channel';
import { SqliteAuditStore } from '../src/audit/sqlite-audit-store';
import { beginReset, type ResetRecord, runRecordedReset } from '../src/bulk/bulk-resets';
import { AdminPacing } from '../src/bulk/pacer';
import { RESET_BULK_METHOD, RESET_METHOD, ResetRunner, type ResetStrategy } from '../src/bulk/reset-runner';
import { SessionAdmin } from '../src/slack/session-admin';
import { ADMIN_ID, ADMIN_TOKEN, SlackEmulator } from '../test/emulator';

/**
 * Resets N generated people through the local emulator twice in one process: with resetBulk (the strategy
 * the app picks for more than 20 people) and with one admin.users.session.reset call per person. Both run
 * against an emulated Tier 2 limit of 20 calls per window and report admin calls, wall time and the ratio
 * to the floor, which is the number of calls the approach needs at one call per window/20.
 *
 *   npm run bench:bulk -- [--people 10000] [--per-person-scale 600]
 *
 * resetBulk runs at the real Tier 2 window of 60 s. One call per person would take 500 minutes at that
 * pace, so that approach runs with the window shortened by --per-person-scale (600: 60 s becomes 100 ms).
 */

const TIER2_PER_WINDOW = 20;
const MINUTE_MS = 60_000;

interface Options {
  people: number;
  perPersonScale: number;
}

interface Measurement {
  approach: string;
  method: string;
  windowMs: number;
  people: number;
  adminCalls: number;
  rateLimited: number;
  failed: number;
  wallMs: number;
  floorCalls: number;
  floorMs: number;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = { people: 10_000, perPersonScale: 600 };
  for (let index = 0; index < argv.length; index += 2) {
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${argv[index]} needs a whole number above 0, got "${argv[index + 1]}".`);
    }
    if (argv[index] === '--people') {
      options.people = value;
    } else if (argv[index] === '--per-person-scale') {
      options.perPersonScale = value;
    } else {
      throw new Error(`Unknown argument "${argv[index]}". Use --people N and --per-person-scale S.`);
    }
  }
  return options;
}

async function measure(
  strategy: ResetStrategy,
  windowMs: number,
  people: number,
  workDir: string,
): Promise<Measurement> {
  const method = strategy === 'bulk' ? RESET_BULK_METHOD : RESET_METHOD;
  const emulator = await SlackEmulator.start();
  const logger = new ConsoleLogger();
  logger.setLevel(LogLevel.ERROR);
  const store = SqliteAuditStore.open(path.join(workDir, `${strategy}.sqlite3`));

  try {
    const userIds = emulator.addGeneratedUsers(people);
    emulator.rateLimit(method, { perMinute: TIER2_PER_WINDOW, windowMs });

    const sessions = new SessionAdmin({ adminToken: ADMIN_TOKEN, slackApiUrl: emulator.apiUrl, logger });
    const pacing = new AdminPacing({ limit: TIER2_PER_WINDOW, windowMs });
    sessions.onRateLimited((name, seconds) => pacing.pause(name, seconds * 1000));
    const runner = new ResetRunner({ sessions, pacing, logger });
    const audit = new AuditTrail(
      store,
      new SecurityChannel(new WebClient(undefined, { slackApiUrl: emulator.apiUrl }), undefined, logger),
      logger,
    );
    const record: ResetRecord = {
      correlationId: `bench-${strategy}`,
      requesterId: ADMIN_ID,
      teamId: null,
      enterpriseId: null,
      userIds,
      scope: 'all',
      reason: 'benchmark',
      dryRun: false,
      source: 'cli',
    };

    const started = performance.now();
    await beginReset(audit, record);
    const result = await runRecordedReset(audit, runner, record, { strategy });
    const wallMs = performance.now() - started;

    const calls = emulator.callsTo(method);
    const floorCalls = strategy === 'bulk' ? Math.ceil(people / 1000) : people;
    return {
      approach: strategy === 'bulk' ? 'resetBulk, 1,000 per call' : 'reset, one call per person',
      method,
      windowMs,
      people,
      adminCalls: calls.length,
      rateLimited: calls.filter((call) => call.status === 429).length,
      failed: result.outcomes.filter((outcome) => !outcome.ok).length,
      wallMs,
      floorCalls,
      floorMs: floorCalls * (windowMs / TIER2_PER_WINDOW),
    };
  } finally {
    await store.close();
    await emulator.stop();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function report(rows: readonly Measurement[], options: Options): string {
  const lines = [
    `Bulk reset benchmark: ${options.people.toLocaleString('en-US')} people, emulated Tier 2 limit of ` +
      `${TIER2_PER_WINDOW} calls per window, Node ${process.version}, ${os.cpus().length} CPUs.`,
    '',
    '| approach | Tier 2 window | admin calls | 429 answers | failed | wall time | floor (calls × window/20) | ratio to floor |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const window =
      row.windowMs === MINUTE_MS ? '60 s (real)' : `${row.windowMs} ms (60 s ÷ ${MINUTE_MS / row.windowMs})`;
    lines.push(
      `| ${row.approach} | ${window} | ${row.adminCalls.toLocaleString('en-US')} | ${row.rateLimited} | ${row.failed} | ` +
        `${seconds(row.wallMs)} | ${row.floorCalls.toLocaleString('en-US')} calls = ${seconds(row.floorMs)} | ` +
        `${(row.wallMs / row.floorMs).toFixed(3)} |`,
    );
  }

  const perPerson = rows.find((row) => row.method === RESET_METHOD);
  if (perPerson !== undefined) {
    const scale = MINUTE_MS / perPerson.windowMs;
    lines.push(
      '',
      `One call per person ran with the window shortened ${scale}×; at the real 60 s window the same run ` +
        `would take about ${((perPerson.wallMs * scale) / MINUTE_MS).toFixed(0)} minutes (wall time × ${scale}, an estimate).`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));
  try {
    process.stderr.write('Running resetBulk at the real Tier 2 window…\n');
    const bulk = await measure('bulk', MINUTE_MS, options.people, workDir);
    process.stderr.write(
      `Running one call per person with the window shortened ${options.perPersonScale}×…\n`,
    );
    const perPerson = await measure(
      'per_person',
      MINUTE_MS / options.perPersonScale,
      options.people,
      workDir,
    );
    process.stdout.write(`${report([bulk, perPerson], options)}\n`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bulk failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
