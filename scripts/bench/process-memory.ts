import fs from 'node:fs';

/** Resident set size of a process, in MiB: now (`VmRSS`) and the highest so far (`VmHWM`). */
export interface ResidentMemory {
  currentMiB: number;
  peakMiB: number;
}

/**
 * Reads a process's memory from `/proc/<pid>/status`, so it measures the app's own process and not the
 * benchmark's. Returns undefined where /proc does not exist, as on macOS.
 */
export function readResidentMemory(pid: number): ResidentMemory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const current = readKiB(status, 'VmRSS');
  const peak = readKiB(status, 'VmHWM');
  if (current === undefined || peak === undefined) {
    return undefined;
  }
  return { currentMiB: current / 1024, peakMiB: peak / 1024 };
}

function readKiB(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
