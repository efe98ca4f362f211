import {
  ADMIN_TOKEN,
  APP_TOKEN,
  BOT_TOKEN,
  NON_ADMIN_TOKEN,
  OWNER_TOKEN,
  READONLY_ADMIN_TOKEN,
  REVOKED_TOKEN,
} from '../emulator';
import { SIGNING_SECRET } from './app-harness';

/** Every token and secret the test apps and the emulator use; none may appear in a log line. */
export const TEST_SECRETS: readonly string[] = [
  BOT_TOKEN,
  ADMIN_TOKEN,
  APP_TOKEN,
  NON_ADMIN_TOKEN,
  OWNER_TOKEN,
  READONLY_ADMIN_TOKEN,
  REVOKED_TOKEN,
  SIGNING_SECRET,
];

/** Returns the log lines that contain a secret, each shortened to the secret's position, for a readable failure. */
export function linesWithSecrets(
  lines: readonly string[],
  secrets: readonly string[] = TEST_SECRETS,
): string[] {
  return lines.flatMap((line) => {
    const secret = secrets.find((candidate) => line.includes(candidate));
    if (secret === undefined) {
      return [];
    }
    const at = line.indexOf(secret);
    return [`…${line.slice(Math.max(0, at - 60), at)}<${secret.length}-character secret>`];
  });
}
