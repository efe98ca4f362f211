import { DEFAULT_SLACK_API_URL } from '../config';
import { requestFailureCause } from '../slack/error-code';

/** Advice for when SLACK_API_URL sent no response. */
export const CHECK_API_URL_TEXT =
  `Check that SLACK_API_URL is right (leave it unset for ${DEFAULT_SLACK_API_URL}) and that this host can ` +
  'reach it through any proxy or firewall.';

/** Names SLACK_API_URL and why no response came from it, such as ECONNREFUSED or an HTTP status. */
export function unreachableText(slackApiUrl: string, error: unknown): string {
  const cause = requestFailureCause(error);
  return `Could not reach SLACK_API_URL (${slackApiUrl}): ${cause === 'bad port' ? blockedPortText(slackApiUrl) : cause}`;
}

// Node's fetch (undici) rejects a list of ports, such as 9, 25 and 6000, without connecting, and its only
// explanation is the cause message "bad port".
function blockedPortText(slackApiUrl: string): string {
  let port = '';
  try {
    port = new URL(slackApiUrl).port;
  } catch {
    // A URL that does not parse never reaches fetch, so this branch only guards the type.
  }
  const portName = port === '' ? 'the port' : `port ${port}`;
  return `${portName} is blocked by Node's fetch (a port it refuses for safety); use another port`;
}
