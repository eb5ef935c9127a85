// The analysis of a CLI scan on a pool of worker threads (`--jobs`, one per core by default). Each
// worker has its own workspace host over the same roots, so cross-file rules read what they read on
// one thread; files are handed out one at a time to whichever worker is free, and the caller collects
// the outcomes in the order it asked for them, so the report is the same whatever the number of jobs.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { EngineConfig } from '../engine/index';
import { NodeWorkspaceHost } from '../host/workspaceHost';
import { checkFile, type FileOutcome } from './checkFile';

/** What a worker needs to analyze like the main thread; `role` tells the bundled CLI it runs as one. */
interface WorkerSetup {
  role: typeof WORKER_ROLE;
  roots: string[];
  config: EngineConfig;
  /** Whether outcomes carry fingerprints (CheckOptions). */
  fingerprints: boolean;
}
const WORKER_ROLE = 'bulkhead-analysis-worker';

interface Task {
  file: string;
  config?: EngineConfig;
  resolve: (outcome: FileOutcome) => void;
  reject: (error: Error) => void;
}

export class AnalysisPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private readonly workers: Worker[] = [];

  constructor(size: number, roots: string[], config: EngineConfig, fingerprints: boolean) {
    const setup: WorkerSetup = { role: WORKER_ROLE, roots, config, fingerprints };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(__filename, { workerData: setup });
      worker.on('message', (outcome: FileOutcome) => this.done(worker, outcome));
      // A worker that dies is a bug, not a finding: the scan fails (exit 2) rather than report less.
      worker.on('error', (error) => this.fail(error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** The outcome of checking `file` on a worker (never with fixes), under `config` when it has its own. */
  check(file: string, config?: EngineConfig): Promise<FileOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ file, config, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private done(worker: Worker, outcome: FileOutcome): void {
    this.running.get(worker)?.resolve(outcome);
    this.running.delete(worker);
    this.idle.push(worker);
    this.dispatch();
  }

  private fail(error: Error): void {
    for (const task of [...this.running.values(), ...this.queue.splice(0)]) task.reject(error);
    this.running.clear();
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.postMessage({ file: task.file, config: task.config });
    }
  }
}

/** A worker: checks each file it is sent and answers with the outcome, one at a time. */
function serve({ roots, config, fingerprints }: WorkerSetup): void {
  const host = new NodeWorkspaceHost({ roots, maxFileBytes: config.maxFileBytes });
  parentPort!.on('message', (task: { file: string; config?: EngineConfig }) => {
    void checkFile(task.file, host, task.config ?? config, { fingerprints }).then((outcome) => parentPort!.postMessage(outcome));
  });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.role === WORKER_ROLE) serve(workerData as WorkerSetup);
