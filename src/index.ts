import 'dotenv/config';
import { ConsoleLogger } from '@slack/logger';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { exitOnSignals } from './shutdown';
import { StartupError } from './startup-errors';

async function main(): Promise<void> {
  const logger = new ConsoleLogger();
  logger.setName('reset-sessions');

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(
        `${error.message}\nThe app did not start. Fix the variables above in the environment or in .env.`,
      );
      process.exit(1);
    }
    throw error;
  }
  logger.setLevel(config.logLevel);

  try {
    const running = await startApp(config, { logger, host: config.host });
    exitOnSignals(() => running.stop(), logger);
  } catch (error) {
    if (error instanceof StartupError) {
      logger.error(`${error.message}\nThe app did not start.`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Reset Sessions failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
