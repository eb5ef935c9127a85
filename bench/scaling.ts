// CLI scan scaling: a workspace of n generated files (a Namespace, a Secret, a Deployment and a
// Dockerfile per service, as a monorepo grows), scanned as a whole process; wall time and peak RSS
// from GNU time, so the figure is what CI pays, start-up included.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

export interface ScanRun { files: number; jobs: number; seconds: number; peakRssMb: number; cpuPercent: number; msPerFile: number }

function writeWorkspace(files: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-scale-'));
  for (let i = 0; i * 4 < files; i++) {
    const dir = path.join(root, `svc-${i}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'namespace.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n`);
    fs.writeFileSync(path.join(dir, 'secret.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds-${i}\n  namespace: ns-${i}\nstringData:\n  TOKEN: ""\n`);
    fs.writeFileSync(path.join(dir, 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ns-${i}\nspec:\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app-${i}:1.0\n          envFrom:\n            - secretRef:\n                name: creds-${i}\n`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n`);
  }
  return root;
}

/** One whole-process scan of `files` generated files on `jobs` threads. */
export function cliScan(files: number, jobs: number): ScanRun {
  const root = writeWorkspace(files);
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M %P', process.execPath, CLI, 'scan', root, '--format', 'json', '--fail-on', 'never', '--jobs', String(jobs), '--output', '/dev/null'], { encoding: 'utf8' });
    const m = /([\d.]+) (\d+) (\d+)%\s*$/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) throw new Error(`scan of ${files} files failed (${r.status}): ${r.stderr}`);
    const seconds = Number(m[1]);
    return { files, jobs, seconds, peakRssMb: Math.round(Number(m[2]) / 1024), cpuPercent: Number(m[3]), msPerFile: (seconds * 1000) / files };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
