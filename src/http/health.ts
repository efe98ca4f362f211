import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';

export const HEALTH_PATH = '/healthz';

/** Source of the figures `GET /healthz` reports. It contains counters only: no ids, tokens or configuration. */
export interface HealthSource {
  mode: 'http' | 'socket';
  startedAt: number;
  /** False once shutdown has begun, so load balancers stop sending requests. */
  isAccepting(): boolean;
  /** Requests whose listeners are still running. */
  inFlight(): number;
}

/**
 * Responds 200 while the app takes requests and 503 once shutdown has begun. It calls neither Slack nor the
 * audit database, so a probe every few seconds costs next to nothing.
 */
export function writeHealth(response: ServerResponse, source: HealthSource): void {
  const accepting = source.isAccepting();
  const body = JSON.stringify({
    status: accepting ? 'ok' : 'stopping',
    mode: source.mode,
    in_flight: source.inFlight(),
    uptime_s: Math.floor((Date.now() - source.startedAt) / 1000),
  });
  response.writeHead(accepting ? 200 : 503, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** `GET /healthz` as a Bolt custom route, served by the HTTP receiver next to `/slack/events`. */
export function healthRoute(source: HealthSource): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_request, response) => writeHealth(response, source),
  };
}

/**
 * Serves `GET /healthz` on its own port in Socket Mode, where the app otherwise listens on no port.
 * Every other path gets 404.
 */
export async function startHealthServer(
  source: HealthSource,
  port: number,
  host: string | undefined,
  logger: Logger,
): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === HEALTH_PATH) {
      writeHealth(response, source);
      return;
    }
    response.writeHead(404);
    response.end();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => {
    logger.error(JSON.stringify({ event: 'health_server_error', error: error.message }));
  });
  return server;
}

/** Stops accepting connections and closes idle keep-alive ones, so shutdown does not wait on probes. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
