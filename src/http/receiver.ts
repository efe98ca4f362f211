import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger, type ReceiverUnhandledRequestHandlerArgs } from '@slack/bolt';
import { noteIncomingRequest } from '../lifecycle/yield-to-requests';
import { type HealthSource, healthRoute } from './health';
import { RejectionLog } from './rejection-log';
import { checkSlackRequest } from './request-guard';

export const EVENTS_PATH = '/slack/events';

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: Logger;
  health: HealthSource;
}

/**
 * Bolt's HTTPReceiver with `GET /healthz`, and with `checkSlackRequest` in front of `POST /slack/events`:
 * a request that fails it gets 401 or 413 before Bolt parses the body or runs any listener.
 */
export function createGuardedReceiver(options: GuardedReceiverOptions): HTTPReceiver {
  const { signingSecret, logger } = options;
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    logger,
    customRoutes: [healthRoute(options.health)],
    unhandledRequestHandler: logUnacknowledged,
  });

  const boltListener = receiver.requestListener;
  const rejections = new RejectionLog(logger);
  receiver.requestListener = (request, response) => {
    if (request.method !== 'POST' || pathOf(request) !== EVENTS_PATH) {
      // Called synchronously, so Bolt's server still turns an unknown path into a 404.
      boltListener(request, response);
      return;
    }

    noteIncomingRequest();
    checkSlackRequest(request, { signingSecret }).then(
      (verdict) => {
        if (!verdict.ok) {
          rejections.record(verdict.reason, verdict.status, EVENTS_PATH);
          respondWithoutBody(response, verdict.status);
          return;
        }
        // Bolt reuses a buffered `rawBody` instead of reading the stream again, then runs its own checks.
        boltListener(Object.assign(request, { rawBody: verdict.rawBody }), response);
      },
      (error: unknown) => {
        logger.warn(
          JSON.stringify({
            event: 'request_read_failed',
            path: EVENTS_PATH,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
        respondWithoutBody(response, 400);
      },
    );
  };
  return receiver;
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

function respondWithoutBody(response: ServerResponse, status: number): void {
  if (response.headersSent) {
    return;
  }
  // The client may still be sending a body that was too large, so the connection is not reused.
  response.writeHead(status, { connection: 'close' });
  response.end();
}

/**
 * Runs when no listener acked within 3 seconds: payloads for callback_ids or action_ids this app does not
 * handle, such as a button in a view from an older version, end here with a 404 and nothing done.
 */
function logUnacknowledged({ logger, request, response }: ReceiverUnhandledRequestHandlerArgs): void {
  logger.warn(JSON.stringify({ event: 'request_not_acknowledged', path: pathOf(request), status: 404 }));
  response.writeHead(404);
  response.end();
}
