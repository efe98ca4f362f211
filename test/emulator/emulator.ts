import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CancellableDelays } from './delays';
import { FaultQueue } from './faults';
import { createDefaultFixture, deviceFor, type GeneratedUsersOptions, generateUsers } from './fixture';
import { BodyTooLargeError, sendJson, sendText } from './http-utils';
import { RateLimiter } from './rate-limit';
import { type EmulatorRuntime, routeRequest } from './routes';
import { EmulatorState, failureKey } from './state';
import type {
  EmulatorView,
  Fault,
  Fixture,
  FixtureChannel,
  FixtureSession,
  FixtureToken,
  FixtureUser,
  RateLimitOptions,
  RecordedCall,
  ResponseUrlPost,
  SessionKind,
} from './types';

export interface StartOptions {
  /** Org data to start from and to restore on `reset()`. Defaults to `createDefaultFixture()`. */
  fixture?: Fixture;
  /** Clock in ms since the epoch, for trigger expiry, rate limits and `RecordedCall.at`. Defaults to `Date.now`. */
  now?: () => number;
}

const WAIT_POLL_MS = 5;

/**
 * Local stand-in for the Slack Web API on 127.0.0.1. Point a `WebClient` at `apiUrl` (its `slackApiUrl`)
 * to call the methods in `methods/index.ts`. The emulator never prints and never contacts other hosts.
 */
export class SlackEmulator {
  /** Every API call, in the order the responses were sent. */
  readonly calls: RecordedCall[] = [];
  /** JSON bodies posted to URLs from `createResponseUrl()`, in order. */
  readonly responseUrlPosts: ResponseUrlPost[] = [];

  private currentState: EmulatorState;
  private readonly faults = new FaultQueue();
  private readonly rateLimiter = new RateLimiter();
  private readonly delays = new CancellableDelays();
  private readonly responseUrlIds = new Set<string>();
  private readonly runtime: EmulatorRuntime;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    private readonly fixture: Fixture,
    private readonly now: () => number,
  ) {
    this.currentState = new EmulatorState(fixture);
    this.runtime = this.createRuntime();
  }

  /** Starts the emulator on a free port of 127.0.0.1. */
  static async start(options: StartOptions = {}): Promise<SlackEmulator> {
    const server = createServer();
    const emulator = new SlackEmulator(
      server,
      options.fixture ?? createDefaultFixture(),
      options.now ?? Date.now,
    );
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      emulator.handleRequest(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return emulator;
  }

  /** Base URL such as `http://127.0.0.1:PORT`. */
  get baseUrl(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('The emulator is not listening on a port.');
    }
    return `http://127.0.0.1:${address.port}`;
  }

  /** Web API root such as `http://127.0.0.1:PORT/api/`, for `slackApiUrl` or `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** Open and updated modals by view id. */
  get views(): Map<string, EmulatorView> {
    return this.currentState.views;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Issues a trigger id that views.open and views.push accept once, within 3 s of this call. */
  issueTriggerId(): string {
    const sequence = this.currentState.nextSequence('trigger');
    const triggerId = `${1_000_000_000 + sequence}.1000000001.${sequence.toString(16).padStart(8, '0')}`;
    this.currentState.triggers.set(triggerId, { issuedAt: this.now(), used: false });
    return triggerId;
  }

  /** Returns a URL on this emulator whose posts are stored in `responseUrlPosts`. */
  createResponseUrl(): string {
    const id = `R${String(this.responseUrlIds.size + 1).padStart(8, '0')}`;
    this.responseUrlIds.add(id);
    return `${this.baseUrl}/response/${id}`;
  }

  addUser(user: FixtureUser): void {
    this.currentState.addUser(structuredClone(user));
  }

  addToken(token: FixtureToken): void {
    this.currentState.tokens.set(token.token, structuredClone(token));
  }

  revokeToken(token: string): void {
    const record = this.currentState.tokens.get(token);
    if (record === undefined) throw new Error(`Cannot revoke ${token}: the emulator has no such token.`);
    record.revoked = true;
  }

  addUsergroup(id: string, userIds: string[], teamId = this.fixture.teams[0]?.id ?? ''): void {
    this.currentState.usergroups.set(id, { id, teamId, userIds: [...userIds] });
  }

  addChannel(channel: FixtureChannel): void {
    this.currentState.channels.set(channel.id, { ...channel });
  }

  /** Adds one session per entry of `kinds` for the user on `teamId` (default: home team) and returns their ids. */
  addSessions(userId: string, kinds: SessionKind[], teamId?: string): number[] {
    const user = this.currentState.users.get(userId);
    const team = teamId ?? user?.teamId ?? this.fixture.teams[0]?.id ?? '';
    const ids: number[] = [];
    for (const kind of kinds) {
      const sessionId = this.currentState.nextFreeSessionId();
      this.currentState.addSession({
        sessionId,
        userId,
        teamId: team,
        kind,
        created: deviceFor(kind, sessionId),
      });
      ids.push(sessionId);
    }
    return ids;
  }

  /** Current sessions of a user, for assertions. */
  sessionsOf(userId: string): FixtureSession[] {
    return this.currentState.sessionsOf(userId).map((session) => structuredClone(session));
  }

  /** Adds `count` generated members with sessions (see `generateUsers`) and returns their ids. */
  addGeneratedUsers(count: number, options: Omit<GeneratedUsersOptions, 'startIndex'> = {}): string[] {
    const startIndex = this.currentState.generatedUserCount + 1;
    const generated = generateUsers(count, { ...options, startIndex });
    this.currentState.generatedUserCount += count;
    for (const user of generated.users) this.currentState.addUser(user);
    for (const session of generated.sessions) this.currentState.addSession(session);
    return generated.users.map((user) => user.id);
  }

  /** Makes the admin method `method` return `errorCode` whenever it targets `userId`, until `reset()`. */
  failUser(userId: string, method: string, errorCode: string): void {
    this.currentState.userFailures.set(failureKey(method, userId), errorCode);
  }

  /** Scripts a fault for `method` (`'*'` for every method, `'response_url'` for response URL posts). */
  fault(method: string, fault: Fault): void {
    this.faults.add(method, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * Limits `method` to `perMinute` calls per token in any 60 s window (or in `windowMs`, when given).
   * Further calls get HTTP 429.
   */
  rateLimit(method: string, options: RateLimitOptions): void {
    this.rateLimiter.set(method, options.perMinute, options.windowMs);
  }

  /** Polls `predicate` until it returns true, and rejects after `timeoutMs` with the calls seen so far. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() >= deadline) {
        const methods = this.calls.map((call) => call.method).join(', ') || 'none';
        throw new Error(`waitFor timed out after ${timeoutMs} ms. Calls recorded so far: ${methods}.`);
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  /** Clears calls, posts, faults, rate limits, views, triggers and `failUser` rules, and restores the fixture. */
  reset(): void {
    this.calls.length = 0;
    this.responseUrlPosts.length = 0;
    this.responseUrlIds.clear();
    this.faults.clear();
    this.rateLimiter.clear();
    this.currentState = new EmulatorState(this.fixture);
  }

  /** Stops listening, drops open connections and cancels delayed responses. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.delays.cancelAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Gives the routes live access to the state, which `reset()` replaces. */
  private createRuntime(): EmulatorRuntime {
    const emulator = this;
    return {
      get state() {
        return emulator.currentState;
      },
      faults: this.faults,
      rateLimiter: this.rateLimiter,
      calls: this.calls,
      responseUrlPosts: this.responseUrlPosts,
      responseUrlIds: this.responseUrlIds,
      now: () => this.now(),
      wait: (ms) => this.delays.wait(ms),
    };
  }

  private handleRequest(request: IncomingMessage, response: ServerResponse): void {
    routeRequest(this.runtime, request, response).catch((error: unknown) => {
      if (this.stopped || response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        sendText(response, 413, error.message);
        return;
      }
      // An exception here is an emulator bug, and the detail field makes it visible in the failing test.
      const detail = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, { ok: false, error: 'internal_error', emulator_error: detail });
    });
  }
}
