import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { InFlightWork } from '../../lifecycle/in-flight-work';
import { RESTARTING_TEXT } from '../../messages/replies';

/**
 * Global middleware that counts each request as in flight until its listeners finish, work after the ack
 * included. Once shutdown has begun it acks new requests with a note to try again and runs no listener.
 */
export function trackRequests(work: InFlightWork): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!work.isAccepting) {
      args.logger.info(JSON.stringify({ event: 'request_declined', reason: 'shutting_down' }));
      await declineWhileStopping(args);
      return;
    }
    await work.track(args.next());
  };
}

async function declineWhileStopping(args: AnyMiddlewareArgs): Promise<void> {
  if ('command' in args) {
    await args.ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    return;
  }
  if ('view' in args && args.body.type === 'view_submission') {
    // The form stays open with the note under its first input, so the admin loses nothing they typed.
    const blockId = args.view.blocks.find((block) => block.type === 'input')?.block_id;
    await (blockId === undefined
      ? args.ack()
      : args.ack({ response_action: 'errors', errors: { [blockId]: RESTARTING_TEXT } }));
    return;
  }
  if ('ack' in args && args.ack !== undefined) {
    await args.ack();
  }
}
