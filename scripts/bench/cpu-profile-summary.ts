/**
 * Prints where a V8 CPU profile (`node --cpu-prof`) spent its time: busy time per 100 ms, then self time per
 * package or source file and per function, and inclusive time per function. `--from` and `--to` (ms from the
 * profile's start, as the timeline shows) keep only the samples between them, such as one burst of requests.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE =
  'Usage: tsx scripts/bench/cpu-profile-summary.ts FILE.cpuprofile [--top N] [--from MS] [--to MS]\n';
const TIMELINE_BUCKET_MS = 100;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function readProfile(file: string): CpuProfile {
  const parsed: CpuProfile = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed.nodes) || !Array.isArray(parsed.samples) || !Array.isArray(parsed.timeDeltas)) {
    throw new Error(`${file} is not a V8 CPU profile: it lacks nodes, samples or timeDeltas.`);
  }
  return parsed;
}

/** Names the file a frame belongs to: the npm package under node_modules, a path under the repo, or node's. */
function ownerOf(url: string): string {
  if (url === '') {
    return '(native or V8)';
  }
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1] !== undefined) {
    return packageMatch[1];
  }
  if (url.startsWith('node:')) {
    return url;
  }
  const repoMatch = /\/(dist|src)\/(.+)$/.exec(url);
  return repoMatch?.[2] !== undefined ? `app: ${repoMatch[2]}` : url;
}

function label(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  return frame.url === '' ? name : `${name} ${ownerOf(frame.url)}:${frame.lineNumber + 1}`;
}

interface Sample {
  nodeId: number;
  /** Microseconds from the first sample. */
  at: number;
  /** Microseconds this sample stands for. */
  micros: number;
}

/** Lists the samples with their times. V8 stores the time before each sample, so sample i owns delta i+1. */
function samplesOf(profile: CpuProfile): Sample[] {
  let at = 0;
  return profile.samples.map((nodeId, index) => {
    at += index === 0 ? 0 : (profile.timeDeltas[index] ?? 0);
    return { nodeId, at, micros: profile.timeDeltas[index + 1] ?? 0 };
  });
}

function selfTimes(samples: readonly Sample[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const sample of samples) {
    times.set(sample.nodeId, (times.get(sample.nodeId) ?? 0) + sample.micros);
  }
  return times;
}

/** Prints the busy share of each 100 ms, so the bursts of requests stand out from start-up and idle time. */
function printTimeline(profile: CpuProfile, samples: readonly Sample[]): void {
  const idleIds = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  );
  const busyPerBucket = new Map<number, number>();
  for (const sample of samples) {
    if (!idleIds.has(sample.nodeId)) {
      const bucket = Math.floor(sample.at / 1000 / TIMELINE_BUCKET_MS);
      busyPerBucket.set(bucket, (busyPerBucket.get(bucket) ?? 0) + sample.micros);
    }
  }
  const last = Math.max(0, ...busyPerBucket.keys());
  process.stdout.write(`Busy share per ${TIMELINE_BUCKET_MS} ms (start ms: percent)\n`);
  const cells: string[] = [];
  for (let bucket = 0; bucket <= last; bucket++) {
    const share = ((busyPerBucket.get(bucket) ?? 0) / 1000 / TIMELINE_BUCKET_MS) * 100;
    cells.push(`${bucket * TIMELINE_BUCKET_MS}:${share.toFixed(0)}`);
  }
  process.stdout.write(`${cells.join(' ')}\n`);
}

function addTo(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

/** Inclusive time per function label, counting a label once per stack even when it recurses. */
function inclusiveTimes(profile: CpuProfile, self: Map<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  const root = profile.nodes[0];
  const walk = (node: ProfileNode, onStack: Set<string>): number => {
    let total = self.get(node.id) ?? 0;
    const name = label(node.callFrame);
    const entered = !onStack.has(name);
    if (entered) {
      onStack.add(name);
    }
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (child !== undefined) {
        total += walk(child, onStack);
      }
    }
    if (entered) {
      onStack.delete(name);
      addTo(totals, name, total);
    }
    return total;
  };
  if (root !== undefined) {
    walk(root, new Set());
  }
  return totals;
}

function printTop(title: string, totals: Map<string, number>, busyMicros: number, top: number): void {
  process.stdout.write(`\n${title}\n`);
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, micros] of rows) {
    const share = ((micros / busyMicros) * 100).toFixed(1).padStart(5);
    process.stdout.write(`${(micros / 1000).toFixed(1).padStart(9)} ms ${share}%  ${name}\n`);
  }
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { top: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  const [file] = positionals;
  const top = Number(values.top ?? '30');
  const fromMs = Number(values.from ?? '0');
  const toMs = Number(values.to ?? 'Infinity');
  if (file === undefined || [top, fromMs].some((value) => !Number.isFinite(value)) || Number.isNaN(toMs)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const profile = readProfile(file);
  const allSamples = samplesOf(profile);
  printTimeline(profile, allSamples);
  const window = allSamples.filter((sample) => sample.at >= fromMs * 1000 && sample.at < toMs * 1000);
  const self = selfTimes(window);

  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const micros = self.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    addTo(byFunction, label(node.callFrame), micros);
    addTo(byOwner, ownerOf(node.callFrame.url), micros);
  }
  const busy = [...byFunction.values()].reduce((sum, micros) => sum + micros, 0);
  process.stdout.write(`busy ${(busy / 1000).toFixed(1)} ms, idle ${(idle / 1000).toFixed(1)} ms\n`);
  printTop('Self time by package or file', byOwner, busy, top);
  printTop('Self time by function', byFunction, busy, top);
  printTop('Inclusive time by function', inclusiveTimes(profile, self), busy, top);
}

main(process.argv.slice(2));
