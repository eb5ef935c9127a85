// The analysis of a CLI scan on worker threads beside the main thread (`--jobs`, one thread per core but
// one by default). Each worker has its own workspace host over the same roots, so cross-file rules read what they
// read on one thread; a worker is handed up to DEPTH files ahead, so it stays busy while the main thread
// analyzes files of its own, and the caller collects the outcomes in the order it asked for them, so the
// report is the same whatever the number of jobs.
import type { MessagePort, Worker } from 'node:worker_threads';
import type { EngineConfig } from '../engine/index';
import { NodeWorkspaceHost } from '../host/workspaceHost';
import { checkFile, type FileOutcome } from './checkFile';

/** What a worker needs to analyze like the main thread. */
interface WorkerSetup {
  roots: string[];
  config: EngineConfig;
  /** Whether outcomes carry fingerprints (CheckOptions). */
  fingerprints: boolean;
}

/**
 * In a worker's process.argv: the file the pool starts (this one, or the bundled CLI) runs as a worker,
 * told apart without loading worker_threads, which a scan that starts no worker does without.
 */
const WORKER_ARG = '--bulkhead-analysis-worker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');

interface Task {
  file: string;
  config?: EngineConfig;
  resolve: (outcome: FileOutcome) => void;
  reject: (error: Error) => void;
}

/** Files a worker is handed before it answers the first: enough to cover the main thread analyzing one. */
const DEPTH = 4;

export class AnalysisPool {
  /** Each worker's tasks, in the order it was handed them (it answers in that order). */
  private readonly handed = new Map<Worker, Task[]>();
  private readonly queue: Task[] = [];

  constructor(size: number, roots: string[], config: EngineConfig, fingerprints: boolean) {
    const setup: WorkerSetup = { roots, config, fingerprints };
    const { Worker } = threads();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(__filename, { workerData: setup, argv: [WORKER_ARG] });
      worker.on('message', (outcome: FileOutcome) => this.done(worker, outcome));
      // A worker that dies is a bug, not a finding: the scan fails (exit 2) rather than report less.
      worker.on('error', (error) => this.fail(error));
      this.handed.set(worker, []);
    }
  }

  /** Whether every worker has all the files it is handed ahead: the next one is better analyzed by the caller. */
  get busy(): boolean {
    return this.queue.length > 0 || [...this.handed.values()].every((tasks) => tasks.length >= DEPTH);
  }

  /** The outcome of checking `file` on a worker (never with fixes), under `config` when it has its own. */
  check(file: string, config?: EngineConfig): Promise<FileOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ file, config, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.handed.keys()].map((w) => w.terminate()));
  }

  private done(worker: Worker, outcome: FileOutcome): void {
    this.handed.get(worker)?.shift()?.resolve(outcome);
    this.dispatch();
  }

  private fail(error: Error): void {
    for (const task of [...[...this.handed.values()].flatMap((tasks) => tasks.splice(0)), ...this.queue.splice(0)]) task.reject(error);
  }

  /** Hands queued files to the least loaded workers, up to DEPTH each. */
  private dispatch(): void {
    while (this.queue.length) {
      const [worker, tasks] = [...this.handed].reduce((least, next) => (next[1].length < least[1].length ? next : least));
      if (tasks.length >= DEPTH) return;
      const task = this.queue.shift()!;
      tasks.push(task);
      worker.postMessage({ file: task.file, config: task.config });
    }
  }
}

/** A worker: checks each file it is sent and answers with the outcome, one at a time, in the order sent. */
function serve(parent: MessagePort, { roots, config, fingerprints }: WorkerSetup): void {
  const host = new NodeWorkspaceHost({ roots, maxFileBytes: config.maxFileBytes });
  let previous: Promise<void> = Promise.resolve();
  parent.on('message', (task: { file: string; config?: EngineConfig }) => {
    previous = previous.then(async () => parent.postMessage(await checkFile(task.file, host, task.config ?? config, { fingerprints })));
  });
}

/** Whether this thread is a worker of the pool (then serving it), not the command. */
export const runsAsPoolWorker = process.argv[2] === WORKER_ARG && !threads().isMainThread;
if (runsAsPoolWorker) serve(threads().parentPort!, threads().workerData as WorkerSetup);
