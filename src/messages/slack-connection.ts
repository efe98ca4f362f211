import { DEFAULT_SLACK_API_URL } from '../config';
import { requestFailureCause } from '../slack/error-code';

/** Advice for when SLACK_API_URL sent no response. */
export const CHECK_API_URL_TEXT =
  `Check that SLACK_API_URL is right (leave it unset for ${DEFAULT_SLACK_API_URL}) and that this host can ` +
  'reach it through any proxy or firewall.';

/** Names SLACK_API_URL and why no response came from it, such as ECONNREFUSED or an HTTP status. */
export function unreachableText(slackApiUrl: string, error: unknown): string {
  return `Could not reach SLACK_API_URL (${slackApiUrl}): ${requestFailureCause(error)}`;
}
