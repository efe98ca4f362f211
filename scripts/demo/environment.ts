import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningApp, startApp } from '../../src/app';
import { type AppConfig, loadConfig } from '../../src/config';
import {
  ADMIN_ID,
  ADMIN_TOKEN,
  BOT_TOKEN,
  createDefaultFixture,
  GENERAL_CHANNEL_ID,
  SlackEmulator,
} from '../../test/emulator';
import { MemoryLogger } from '../../test/support/test-logger';

/** Made up for the demo: the app checks request signatures with it, and the demo signs with it. */
export const DEMO_SIGNING_SECRET = 'demo-signing-secret-0123456789';

/** The emulator, the app and the audit file of one demo run, all on 127.0.0.1 and in one temp folder. */
export interface DemoEnvironment {
  emulator: SlackEmulator;
  app: RunningApp;
  eventsUrl: string;
  /** Keeps the app's log lines, which the demo prints only with --verbose. */
  logger: MemoryLogger;
  auditDbPath: string;
  /** Fixture user names by id, for rendering mentions. */
  userNames: ReadonlyMap<string, string>;
  /**
   * Stops the app, then the emulator, then deletes the temp folder unless `keepAuditDb` was set. It is safe
   * to call more than once.
   */
  stop(): Promise<void>;
}

export interface DemoEnvironmentOptions {
  /** When true, `stop` leaves the temp folder with the audit database in place. */
  keepAuditDb?: boolean;
}

/** Starts the emulator and the real app in HTTP mode. The config reads neither `.env` nor the environment. */
export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reset-sessions-demo-'));
  const removeDataDir = (): void => fs.rmSync(dataDir, { recursive: true, force: true });

  let emulator: SlackEmulator;
  try {
    emulator = await SlackEmulator.start();
  } catch (error) {
    removeDataDir();
    throw error;
  }

  const auditDbPath = path.join(dataDir, 'audit.sqlite3');
  const logger = new MemoryLogger();
  logger.setName('reset-sessions');
  let app: RunningApp;
  try {
    app = await startApp(demoConfig(emulator.apiUrl, auditDbPath), { logger, host: '127.0.0.1' });
  } catch (error) {
    await emulator.stop();
    removeDataDir();
    throw error;
  }

  // Every caller gets the same promise, so a second call (from a Ctrl-C during the normal stop) waits
  // until the temp folder is deleted instead of returning at once.
  let stopping: Promise<void> | undefined;
  const stopAll = async (): Promise<void> => {
    try {
      await app.stop();
    } finally {
      try {
        await emulator.stop();
      } finally {
        if (!options.keepAuditDb) {
          removeDataDir();
        }
      }
    }
  };
  const stop = (): Promise<void> => {
    stopping ??= stopAll();
    return stopping;
  };

  return {
    emulator,
    app,
    eventsUrl: `http://127.0.0.1:${app.port}/slack/events`,
    logger,
    auditDbPath,
    userNames: new Map(createDefaultFixture().users.map((user) => [user.id, user.name])),
    stop,
  };
}

function demoConfig(apiUrl: string, auditDbPath: string): AppConfig {
  return loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: DEMO_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    ALLOWED_USER_IDS: ADMIN_ID,
    LOG_LEVEL: 'debug',
    AUDIT_DB_PATH: auditDbPath,
    AUDIT_CHANNEL_ID: GENERAL_CHANNEL_ID,
  });
}
