// The worker side of IsolatedOracle: checks each case it is sent and wakes the waiting thread.
import { workerData, type MessagePort } from 'node:worker_threads';
import { checkCase, type FuzzCase } from './oracle';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };
port.on('message', (c: FuzzCase) => {
  port.postMessage(checkCase(c));
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
