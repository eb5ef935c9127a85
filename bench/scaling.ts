// CLI scan scaling: a workspace of n generated files (test/harness/serviceWorkspace), scanned as a whole process; wall time and peak RSS
// from GNU time, so the figure is what CI pays, start-up included.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serviceWorkspace } from '../test/harness/serviceWorkspace';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

export interface ScanRun {
  files: number;
  jobs: number;
  seconds: number;
  peakRssMb: number;
  cpuPercent: number;
  msPerFile: number;
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
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M %P', process.execPath, CLI, 'scan', root, '--format', 'json', '--fail-on', 'never', '--jobs', String(jobs), '--output', '/dev/null'], {
      encoding: 'utf8',
    });
    const m = /([\d.]+) (\d+) (\d+)%\s*$/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) throw new Error(`scan of ${files} files failed (${r.status}): ${r.stderr}`);
    const seconds = Number(m[1]);
    return { files, jobs, seconds, peakRssMb: Math.round(Number(m[2]) / 1024), cpuPercent: Number(m[3]), msPerFile: (seconds * 1000) / files };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
