// The oracle in a worker thread, called synchronously, so one input cannot take the fuzzer down
// with it: an input still running after the time limit, or growing the process past the memory
// cap, has its worker terminated and becomes a `slow` or `memory` failure. The wait polls RSS, so
// the peak memory of every input is measured, not only what is left after it.
// (The Atomics.wait + receiveMessageOnPort handshake is the one synckit uses for synchronous workers.)
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Failure, FuzzCase, Outcome } from './oracle';

export interface Limits {
  ms: number;
  rssBytes: number;
}

/** How often the waiting thread samples RSS and the clock. */
const POLL_MS = 50;
const MB = 1024 * 1024;

export class IsolatedOracle {
  private worker?: { thread: Worker; port: MessagePort; done: Int32Array };

  constructor(private readonly limits: Limits) {}

  private start(): NonNullable<IsolatedOracle['worker']> {
    if (this.worker) return this.worker;
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Worker(path.join(__dirname, 'isolateWorker.js'), { workerData: { port: port2, done }, transferList: [port2] });
    thread.unref();
    return (this.worker = { thread, port: port1, done });
  }

  /** Stops a runaway worker; the next check starts a fresh one. */
  private kill(): void {
    void this.worker?.thread.terminate();
    this.worker = undefined;
  }

  check(c: FuzzCase): Outcome {
    const { port, done } = this.start();
    Atomics.store(done, 0, 0);
    port.postMessage(c);
    const start = performance.now();
    let peakRss = process.memoryUsage.rss();
    const stop = (failure: Omit<Failure, 'stage'>): Outcome => {
      this.kill();
      return { failures: [{ ...failure, stage: 'check' }], ms: performance.now() - start, heapUsed: 0, peakRss };
    };
    for (;;) {
      Atomics.wait(done, 0, 0, POLL_MS);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      // The flag, not wait's return value, says when the worker is done: a wait can wake early.
      if (Atomics.load(done, 0) !== 0) break;
      const ms = performance.now() - start;
      if (ms > this.limits.ms) return stop({ kind: 'slow', detail: `still running after ${Math.round(ms / 1000)} s (stopped)`, signature: `slow/${c.document}` });
      if (peakRss > this.limits.rssBytes) return stop({ kind: 'memory', detail: `process RSS reached ${Math.round(peakRss / MB)} MB (stopped)`, signature: `memory/${c.document}` });
    }
    const received = receiveMessageOnPort(port);
    if (!received) throw new Error('isolated oracle: the worker signalled a result it did not send');
    const outcome = received.message as Outcome;
    return { ...outcome, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  }

  close(): void {
    this.kill();
  }
}
