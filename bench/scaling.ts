// CLI scan scaling: a workspace of n generated files (test/harness/serviceWorkspace), scanned as a whole process; wall time and peak RSS
// from GNU time, so the figure is what CI pays, start-up included; CPU time too, which a loaded machine
// disturbs less than the wall clock.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serviceWorkspace } from '../test/harness/serviceWorkspace';

const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

export interface ScanRun {
  files: number;
  jobs: number;
  seconds: number;
  peakRssMb: number;
  cpuPercent: number;
  /** User + system CPU time: on a machine other processes load, the steadier measure of work done. */
  cpuSeconds: number;
  msPerFile: number;
  cpuMsPerFile: number;
}

function writeWorkspace(files: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-scale-'));
  for (const [rel, text] of Object.entries(serviceWorkspace(files))) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** One whole-process scan of `files` generated files on `jobs` threads. */
export function cliScan(files: number, jobs: number): ScanRun {
  const root = writeWorkspace(files);
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M %P %U %S', process.execPath, CLI, 'scan', root, '--format', 'json', '--fail-on', 'never', '--jobs', String(jobs), '--output', '/dev/null'], {
      encoding: 'utf8',
    });
    const m = /([\d.]+) (\d+) (\d+)% ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) throw new Error(`scan of ${files} files failed (${r.status}): ${r.stderr}`);
    const seconds = Number(m[1]);
    const cpuSeconds = Number(m[4]) + Number(m[5]);
    return { files, jobs, seconds, peakRssMb: Math.round(Number(m[2]) / 1024), cpuPercent: Number(m[3]), cpuSeconds, msPerFile: (seconds * 1000) / files, cpuMsPerFile: (cpuSeconds * 1000) / files };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export interface CorpusProcess {
  name: string;
  /** Median wall time. */
  seconds: number;
  /** Median user + system CPU time: what the process cost when other processes share the machine. */
  cpuSeconds: number;
}

/** The Node program a peer runs over every file named on its command line, in one process. */
const PEER_PROGRAMS: Record<string, string> = {
  // dockerfilelint throws on some real files (e.g. HEALTHCHECK NONE); those count as work done.
  dockerfilelint: `const l = require('dockerfilelint'); for (const f of process.argv.slice(1)) { try { l.run('.', require('fs').readFileSync(f, 'utf8')); } catch {} }`,
  'dockerfile-utils': `const u = require('dockerfile-utils'); for (const f of process.argv.slice(1)) u.validate(require('fs').readFileSync(f, 'utf8'));`,
};

/** One whole process: its wall and CPU seconds. */
export function wholeProcess(command: string, args: string[]): { seconds: number; cpuSeconds: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', command, ...args], { encoding: 'utf8', cwd: REPO, maxBuffer: 1 << 30 });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`${command} failed (${r.status}): ${r.stderr}`);
  return { seconds: Number(m[1]), cpuSeconds: Number(m[2]) + Number(m[3]) };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The corpus Dockerfiles as a user in CI meets them: one whole process each, start-up included, for the
 * Bulkhead CLI (`scan` of a folder holding them as `<n>/Dockerfile`, all cores) and for each peer's
 * library over the same files; interleaved over `runs` rounds, the median of each.
 */
export function dockerfileCorpusProcesses(corpusFiles: string[], runs: number): CorpusProcess[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-dockerfiles-'));
  const files = corpusFiles.map((f, i) => {
    const copy = path.join(dir, String(i), 'Dockerfile');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(f, copy);
    return copy;
  });
  try {
    return interleavedProcesses(dir, files, runs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function interleavedProcesses(dir: string, files: string[], runs: number): CorpusProcess[] {
  type Run = () => ReturnType<typeof wholeProcess>;
  const contenders: Array<[string, Run]> = [
    ['bulkhead', () => wholeProcess(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'never', '--output', '/dev/null'])],
    ...Object.entries(PEER_PROGRAMS).map(([name, program]): [string, Run] => [name, () => wholeProcess(process.execPath, ['-e', program, ...files])]),
  ];
  const samples = contenders.map((): Array<ReturnType<Run>> => []);
  for (let r = 0; r < runs; r++) contenders.forEach(([, run], i) => samples[i].push(run()));
  return contenders.map(([name], i) => ({ name, seconds: median(samples[i].map((s) => s.seconds)), cpuSeconds: median(samples[i].map((s) => s.cpuSeconds)) }));
}
