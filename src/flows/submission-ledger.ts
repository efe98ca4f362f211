import type { ModalView } from '@slack/types';

/** A reset run that one view_submission started, and the view a repeated delivery is acked with. */
export interface AcceptedSubmission {
  correlationId: string;
  /** The progress view the first ack showed, replaced by the outcome view once the run reports. */
  view: ModalView;
}

/** The right to decide whether a delivery starts a run; duplicates wait until it is used. */
export interface OpenClaim {
  duplicateOf?: undefined;
  /** The submission's `submissionKey`, stored with the audit request so a duplicate after a restart finds it. */
  key: string;
  /** Records that this delivery started a run; later deliveries are acked with `run.view`. */
  accept(run: AcceptedSubmission): void;
  /** Replaces the view later deliveries get, such as the progress view by the outcome view. */
  update(view: ModalView): void;
  /** Forgets a delivery that started no run. It does nothing after `accept`. */
  release(): void;
}

/** Result of `SubmissionLedger.claim`: an earlier run of the same submission, or an open claim. */
export type SubmissionClaim = { duplicateOf: AcceptedSubmission } | OpenClaim;

type Entry =
  | { state: 'deciding'; decided: Promise<void> }
  | { state: 'accepted'; run: AcceptedSubmission; expiresAt: number };

/** Identifies one view_submission by the `view.id` and `view.hash` that a repeated delivery carries again. */
export function submissionKey(viewId: string, viewHash: string): string {
  return `${viewId}:${viewHash}`;
}

/**
 * Remembers accepted view submissions by `view.id` and `view.hash`, which a second delivery of the same
 * submission repeats (a double click, or a retry after a slow ack). That delivery gets the first one's view
 * and starts no second run. Refused and rejected submissions are forgotten, because the admin may correct
 * the form and submit it again with the same id and hash. Entries live in memory only, so after a restart
 * the caller looks the key up in the audit store, where `OpenClaim.key` is recorded with each run.
 */
export class SubmissionLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits while another delivery of the same submission is still deciding whether to start a run. */
  async claim(viewId: string, viewHash: string): Promise<SubmissionClaim> {
    this.removeExpired();
    const key = submissionKey(viewId, viewHash);

    for (;;) {
      const entry = this.entries.get(key);
      if (entry === undefined) {
        return this.open(key);
      }
      if (entry.state === 'accepted') {
        return { duplicateOf: entry.run };
      }
      await entry.decided;
    }
  }

  private open(key: string): OpenClaim {
    let settle = (): void => {};
    const decided = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const deciding: Entry = { state: 'deciding', decided };
    this.entries.set(key, deciding);

    return {
      key,
      accept: (run) => {
        this.entries.set(key, { state: 'accepted', run, expiresAt: this.now() + this.ttlMs });
        settle();
      },
      update: (view) => {
        const entry = this.entries.get(key);
        if (entry?.state === 'accepted') {
          entry.run = { ...entry.run, view };
        }
      },
      release: () => {
        if (this.entries.get(key) === deciding) {
          this.entries.delete(key);
        }
        settle();
      },
    };
  }

  private removeExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.state === 'accepted' && entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
  }
}
