import type { RecordedCall } from '../../test/emulator';
import type { DeliveryResult } from '../../test/support/slack-requests';
import type { DemoEnvironment } from './environment';
import { DemoCheckError, failureOf, succeeded } from './recordings';
import type { RenderOptions } from './render-blocks';
import type { DemoReport } from './report';

/** How long a step waits for the app's calls to reach the emulator; a local run usually needs a few ms. */
const STEP_TIMEOUT_MS = 3000;

export interface StepContext {
  env: DemoEnvironment;
  report: DemoReport;
}

export function renderOptions({ env }: StepContext): RenderOptions {
  return { userNames: env.userNames };
}

/** `@name (ID)` for a fixture user, as the demo prints people. */
export function personLabel({ env }: StepContext, userId: string): string {
  const name = env.userNames.get(userId);
  return name === undefined ? userId : `@${name} (${userId})`;
}

/** Checks that the app responded to a signed request with HTTP 200, which Slack takes as the ack. */
export function requireAccepted(response: DeliveryResult, request: string): void {
  if (response.status !== 200) {
    throw new DemoCheckError(`${request} got HTTP ${response.status} from the app: ${response.body}`);
  }
}

export function requireSucceeded(call: RecordedCall | undefined, method: string): RecordedCall {
  if (call === undefined) {
    throw new DemoCheckError(`The app never called ${method}.`);
  }
  if (!succeeded(call)) {
    throw new DemoCheckError(`${method} failed in the emulator: ${failureOf(call)}.`);
  }
  return call;
}

/** Waits until `predicate` holds, and names what was awaited when it times out. */
export async function waitFor(
  context: StepContext,
  predicate: () => boolean,
  awaited: string,
): Promise<void> {
  try {
    await context.env.emulator.waitFor(predicate, STEP_TIMEOUT_MS);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DemoCheckError(`Timed out waiting for ${awaited}. ${detail}`);
  }
}
