import type { Server } from 'node:http';
import { App, type Logger } from '@slack/bolt';
import { AccessPolicy } from './access/access-policy';
import type { AuditStore } from './audit/audit-store';
import { AuditTrail } from './audit/audit-trail';
import { SecurityChannel } from './audit/security-channel';
import { SqliteAuditStore } from './audit/sqlite-audit-store';
import type { AppConfig } from './config';
import { registerListeners } from './listeners';
import type { AppServices } from './services';
import { SessionAdmin } from './slack/session-admin';
import { verifyTokens } from './slack/verify-tokens';
import { EmailResolver } from './targets/resolve-emails';

export interface RunningApp {
  app: App;
  /** The HTTP port actually bound; undefined in Socket Mode. */
  port: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** Interface to bind in HTTP mode; tests bind 127.0.0.1 only. */
  host?: string;
}

/** Verifies the tokens, builds the Bolt app with its listeners, and starts it in HTTP or Socket Mode. */
export async function startApp(config: AppConfig, options: StartOptions): Promise<RunningApp> {
  const { logger } = options;
  const identity = await verifyTokens(config, logger);

  const app = new App({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    signingSecret: config.signingSecret,
    socketMode: config.socketMode,
    appToken: config.appToken,
    logger,
    clientOptions: { slackApiUrl: config.slackApiUrl, allowAbsoluteUrls: false },
  });

  const store = SqliteAuditStore.open(config.auditDbPath);
  const services = createServices(config, app, store, logger);
  registerListeners(app, services);
  await services.audit.recoverInterrupted();
  await services.access.warm();

  const stop = async (): Promise<void> => {
    await app.stop();
    await services.audit.drain();
    await store.close();
  };

  if (config.socketMode) {
    await app.start();
    logger.info(JSON.stringify({ event: 'app_started', mode: 'socket' }));
    return { app, port: undefined, stop };
  }

  const server: Server = await app.start({ port: config.port, host: options.host });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info(JSON.stringify({ event: 'app_started', mode: 'http', port, path: '/slack/events' }));
  return { app, port, stop };
}

function createServices(config: AppConfig, app: App, store: AuditStore, logger: Logger): AppServices {
  return {
    audit: new AuditTrail(store, new SecurityChannel(app.client, config.auditChannelId, logger), logger),
    access: new AccessPolicy({
      allowedUserIds: config.allowedUserIds,
      allowedUsergroupIds: config.allowedUsergroupIds,
      client: app.client,
      logger,
    }),
    emails: new EmailResolver(app.client, logger),
    sessions: new SessionAdmin({ adminToken: config.adminToken, slackApiUrl: config.slackApiUrl, logger }),
  };
}
