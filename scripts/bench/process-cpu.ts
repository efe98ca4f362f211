import fs from 'node:fs';

/** Ticks per second of the CPU times in /proc (USER_HZ): 100 on the machines this ran on (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/**
 * Returns the CPU time a process has used so far (user plus system), in ms, from `/proc/<pid>/stat`.
 * Returns undefined where /proc does not exist, as on macOS.
 */
export function readCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name in brackets may contain spaces, so the fields are counted after its closing bracket.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line. Counting from field 3 (state), they are at indexes 11 and 12.
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) {
    return undefined;
  }
  return ((userTicks + systemTicks) * 1000) / TICKS_PER_SECOND;
}

/** Wall time of one phase of the benchmark and the CPU time each of its processes used in it, in ms. */
export interface BusyTime {
  wallMs: number;
  appCpuMs: number | undefined;
  /** The benchmark's own process, which runs the emulator and reads the app's log pipe. */
  emulatorCpuMs: number;
  loadCpuMs: number | undefined;
}

/** Starts counting wall and CPU time of the three processes, and returns a function that stops it. */
export function startBusyClock(appPid: number, loadPid: number): () => BusyTime {
  const started = performance.now();
  const app = readCpuMs(appPid);
  const load = readCpuMs(loadPid);
  const own = process.cpuUsage();
  return () => {
    const ownUsed = process.cpuUsage(own);
    const appNow = readCpuMs(appPid);
    const loadNow = readCpuMs(loadPid);
    return {
      wallMs: performance.now() - started,
      appCpuMs: app === undefined || appNow === undefined ? undefined : appNow - app,
      emulatorCpuMs: (ownUsed.user + ownUsed.system) / 1000,
      loadCpuMs: load === undefined || loadNow === undefined ? undefined : loadNow - load,
    };
  };
}
