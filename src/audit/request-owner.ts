import os from 'node:os';

/** The process that began a request and writes its outcomes. */
export interface RequestOwner {
  host: string;
  pid: number;
}

/** The action recovery takes on an open request, judged by its owner. */
export type OwnerVerdict = 'interrupt' | 'running' | 'other_host';

export function currentOwner(): RequestOwner {
  return { host: os.hostname(), pid: process.pid };
}

/**
 * Decides whether recovery may interrupt a request. It may when the request's owner is unknown (written before owners were recorded), is this
 * process, or is a process on this host that no longer runs. This process owns a request at start-up only
 * when its previous holder of the pid is gone, and at shutdown only when one of its own runs is hanging.
 *
 * NOTE: if the owner died and the OS gave its pid to an unrelated process, the request stays open until
 * that process exits, because `kill(pid, 0)` cannot tell the two apart.
 */
export function judgeOwner(owner: RequestOwner | null, self: RequestOwner): OwnerVerdict {
  if (owner === null) {
    return 'interrupt';
  }
  if (owner.host !== self.host) {
    return 'other_host';
  }
  if (owner.pid === self.pid) {
    return 'interrupt';
  }
  return isProcessAlive(owner.pid) ? 'running' : 'interrupt';
}

/** Signal 0 checks that the pid exists without signalling it; EPERM means it exists under another user. */
export function isProcessAlive(pid: number): boolean {
  // Pid 0 and negative pids address process groups, so they cannot identify one owner.
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
