import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Global middleware that acks and drops any payload addressed to another app, so a misrouted request never
 * reaches a listener. Payloads without `api_app_id` pass, because Slack leaves it out of some event types.
 */
export function ignoreOtherApps(appId: string): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const addressedTo = readAppId(args.body);
    if (addressedTo === undefined || addressedTo === appId) {
      await args.next();
      return;
    }

    args.logger.warn(
      JSON.stringify({ event: 'payload_ignored', reason: 'other_app', api_app_id: addressedTo }),
    );
    if ('ack' in args && args.ack !== undefined) {
      await args.ack();
    }
  };
}

function readAppId(body: object): string | undefined {
  return 'api_app_id' in body && typeof body.api_app_id === 'string' ? body.api_app_id : undefined;
}
