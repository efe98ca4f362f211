import type { Server } from 'node:http';
import { App, type Logger } from '@slack/bolt';
import { AccessPolicy } from './access/access-policy';
import type { AuditStore } from './audit/audit-store';
import { AuditTrail } from './audit/audit-trail';
import { openAuditStore } from './audit/open-audit-store';
import { SecurityChannel } from './audit/security-channel';
import { createBulkResets } from './bulk/bulk-resets';
import type { AppConfig } from './config';
import { closeServer, type HealthSource, startHealthServer } from './http/health';
import { createGuardedReceiver, EVENTS_PATH } from './http/receiver';
import { InFlightWork } from './lifecycle/in-flight-work';
import { registerListeners } from './listeners';
import { ignoreOtherApps } from './listeners/middleware/ignore-other-apps';
import { trackRequests } from './listeners/middleware/track-requests';
import type { AppServices } from './services';
import { shutDownGracefully } from './shutdown';
import { webClientOptions } from './slack/client-options';
import { SessionAdmin } from './slack/session-admin';
import { socketModeStartError, verifyTokens } from './slack/verify-tokens';
import { listenError } from './startup-errors';
import { EmailResolver } from './targets/resolve-emails';

export interface RunningApp {
  app: App;
  /** The HTTP port actually bound; undefined in Socket Mode. */
  port: number | undefined;
  /** The port that serves `GET /healthz`: the HTTP port, or the health server's port in Socket Mode. */
  healthPort: number;
  /** Stops taking requests, waits for running ones up to SHUTDOWN_TIMEOUT_MS, and closes everything. */
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
  const work = new InFlightWork();
  const health: HealthSource = {
    mode: config.socketMode ? 'socket' : 'http',
    startedAt: Date.now(),
    isAccepting: () => work.isAccepting,
    inFlight: () => work.count,
  };

  const app = new App({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    ...(config.socketMode
      ? { socketMode: true, appToken: config.appToken }
      : { receiver: createGuardedReceiver({ signingSecret: config.signingSecret, logger, health }) }),
    logger,
    // Bolt 5.1 also hands these options to its Socket Mode client, so apps.connections.open uses SLACK_API_URL.
    clientOptions: webClientOptions(config),
  });
  app.use(trackRequests(work));
  if (config.appId !== undefined) {
    app.use(ignoreOtherApps(config.appId));
  }

  const store = openAuditStore(config.auditDbPath);
  const services = createServices(config, app, store, logger);
  registerListeners(app, services);

  let listening: Listening;
  try {
    await services.audit.recoverInterrupted();
    await services.access.warm();
    listening = config.socketMode
      ? await startSocketMode(app, health, config, options)
      : await startHttp(app, config, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  logger.info(
    JSON.stringify(
      config.socketMode
        ? { event: 'app_started', mode: 'socket', health_port: listening.port }
        : { event: 'app_started', mode: 'http', port: listening.port, path: EVENTS_PATH },
    ),
  );

  const stop = (): Promise<void> =>
    shutDownGracefully({
      logger,
      work,
      sessions: services.sessions,
      audit: services.audit,
      timeoutMs: config.shutdownTimeoutMs,
      close: async () => {
        await app.stop();
        await listening.closeHealth();
        await services.audit.drain();
        await store.close();
      },
    });

  return {
    app,
    port: config.socketMode ? undefined : listening.port,
    healthPort: listening.port,
    stop,
  };
}

interface Listening {
  /** The HTTP port in HTTP mode, the health server's port in Socket Mode. */
  port: number;
  closeHealth(): Promise<void>;
}

async function startHttp(app: App, config: AppConfig, options: StartOptions): Promise<Listening> {
  let server: Server;
  try {
    server = await app.start({ port: config.port, host: options.host });
  } catch (error) {
    throw listenError(error, config.port, options.host);
  }
  // The health route shares the HTTP server, which app.stop() closes.
  return { port: boundPort(server, config.port), closeHealth: async () => {} };
}

async function startSocketMode(
  app: App,
  health: HealthSource,
  config: AppConfig,
  options: StartOptions,
): Promise<Listening> {
  try {
    await app.start();
  } catch (error) {
    throw socketModeStartError(error, config);
  }

  let server: Server;
  try {
    server = await startHealthServer(health, config.port, options.host, options.logger);
  } catch (error) {
    await app.stop();
    throw listenError(error, config.port, options.host);
  }
  return { port: boundPort(server, config.port), closeHealth: () => closeServer(server) };
}

function boundPort(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : fallback;
}

function createServices(config: AppConfig, app: App, store: AuditStore, logger: Logger): AppServices {
  const emails = new EmailResolver(app.client, logger);
  const sessions = new SessionAdmin({
    adminToken: config.adminToken,
    slackApiUrl: config.slackApiUrl,
    logger,
    timeoutMs: config.requestTimeoutMs,
  });
  return {
    audit: new AuditTrail(store, new SecurityChannel(app.client, config.auditChannelId, logger), logger),
    bulk: createBulkResets({ config, botClient: app.client, sessions, emails, logger }),
    access: new AccessPolicy({
      allowedUserIds: config.allowedUserIds,
      allowedUsergroupIds: config.allowedUsergroupIds,
      client: app.client,
      logger,
    }),
    emails,
    sessions,
  };
}
