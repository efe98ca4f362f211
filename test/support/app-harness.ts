import { type RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ADMIN_TOKEN, BOT_TOKEN } from '../emulator';
import { MemoryLogger } from './test-logger';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** The real app in HTTP mode on 127.0.0.1, with its Web API clients pointed at the emulator. */
export interface TestApp {
  eventsUrl: string;
  logger: MemoryLogger;
  running: RunningApp;
  stop(): Promise<void>;
}

/** Starts the app on a free port; `env` overrides the default test configuration. */
export async function startTestApp(apiUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    ALLOWED_USER_IDS: 'W0ADMIN',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logger = new MemoryLogger();
  const running = await startApp(config, { logger, host: '127.0.0.1' });

  return {
    eventsUrl: `http://127.0.0.1:${running.port}/slack/events`,
    logger,
    running,
    stop: () => running.stop(),
  };
}
