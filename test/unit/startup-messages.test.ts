import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError } from '@slack/web-api';
import { unreachableText } from '../../src/messages/slack-connection';
import { isUnreachable, requestFailureCause } from '../../src/slack/error-code';
import { tokenCheckMessage } from '../../src/slack/verify-tokens';
import { listenError, StartupError } from '../../src/startup-errors';

const API_URL = 'http://127.0.0.1:9999/api/';

/** Builds a fetch failure as undici reports it: a TypeError whose `cause` is the system error. */
function refusedConnection(): WebAPIRequestError {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9999'), { code: 'ECONNREFUSED' });
  return new WebAPIRequestError(new TypeError('fetch failed', { cause }));
}

function systemError(code: string): Error {
  return Object.assign(new Error(`listen ${code}: failed`), { code });
}

describe('requestFailureCause', () => {
  it('names the system error code', () => {
    expect(requestFailureCause(refusedConnection())).toBe('ECONNREFUSED');
  });

  it('names a timeout', () => {
    const timeout = new Error('The operation was aborted due to timeout');
    timeout.name = 'TimeoutError';

    expect(requestFailureCause(new WebAPIRequestError(timeout))).toBe('request timed out');
  });

  it('names the HTTP status', () => {
    expect(requestFailureCause(new WebAPIHTTPError(502, 'Bad Gateway', {}))).toBe('HTTP 502 Bad Gateway');
  });

  it('falls back to the transport message without a cause', () => {
    expect(requestFailureCause(new WebAPIRequestError(new Error('fetch failed')))).toBe('fetch failed');
  });
});

describe('isUnreachable', () => {
  it('is true for network and HTTP failures', () => {
    expect(isUnreachable(refusedConnection())).toBe(true);
    expect(isUnreachable(new WebAPIHTTPError(503, 'Service Unavailable', {}))).toBe(true);
  });

  it("is false for Slack's own answer", () => {
    expect(isUnreachable(new WebAPIPlatformError({ ok: false, error: 'invalid_auth' }))).toBe(false);
  });
});

describe('unreachableText', () => {
  it('explains a port that fetch blocks', () => {
    const blocked = new WebAPIRequestError(new TypeError('fetch failed', { cause: new Error('bad port') }));

    expect(unreachableText('http://127.0.0.1:9/api/', blocked)).toBe(
      "Could not reach SLACK_API_URL (http://127.0.0.1:9/api/): port 9 is blocked by Node's fetch (a port it refuses for safety); use another port",
    );
  });
});

describe('tokenCheckMessage', () => {
  it('says could not reach for a network failure', () => {
    expect(tokenCheckMessage('SLACK_BOT_TOKEN', 'auth.test', API_URL, refusedConnection())).toMatch(
      /^Could not reach SLACK_API_URL \(http:\/\/127\.0\.0\.1:9999\/api\/\): ECONNREFUSED, so SLACK_BOT_TOKEN could not be checked with auth\.test\. Check that SLACK_API_URL is right/,
    );
  });

  it("says rejected for Slack's answer", () => {
    const rejected = new WebAPIPlatformError({ ok: false, error: 'invalid_auth' });

    expect(tokenCheckMessage('SLACK_APP_TOKEN', 'apps.connections.open', API_URL, rejected)).toMatch(
      /^SLACK_APP_TOKEN was rejected by apps\.connections\.open at http:\/\/127\.0\.0\.1:9999\/api\/ \(invalid_auth\)\. Create an app-level token/,
    );
  });

  it('has no line break', () => {
    expect(tokenCheckMessage('SLACK_ADMIN_TOKEN', 'auth.test', API_URL, refusedConnection())).not.toContain(
      '\n',
    );
  });
});

describe('listenError', () => {
  it('names PORT and HOST for EADDRINUSE', () => {
    const error = listenError(systemError('EADDRINUSE'), 3000, undefined);

    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toBe(
      'PORT 3000 on HOST (empty: every interface) is already in use (EADDRINUSE). Stop the process that listens there, or set PORT to a free port.',
    );
  });

  it('explains a public host name in HOST', () => {
    const error = listenError(systemError('EADDRNOTAVAIL'), 3000, '203.0.113.7');

    expect(error.message).toContain('HOST is not an address of this machine (EADDRNOTAVAIL)');
    expect(error.message).toContain('manifest.yml');
  });

  it('returns other errors unchanged', () => {
    const other = systemError('EMFILE');

    expect(listenError(other, 3000, '127.0.0.1')).toBe(other);
  });
});
