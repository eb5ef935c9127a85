// The validation scheduler on its own, with mocked timers: a fixed debounce per URI, validation with no
// delay once the queued changes are in, stale versions dropped before and after computing, cancellation
// on close, failures reported instead of thrown.
import { test, beforeEach, afterEach, mock } from 'node:test';
import * as assert from 'node:assert/strict';
import { Scheduler } from '../../server/src/lsp/scheduler';

interface Harness {
  scheduler: Scheduler<string>;
  versions: Map<string, number>;
  published: Array<[string, string, number]>;
  failures: string[];
  /** Set by a test to run in the middle of a compute (e.g. a change arriving while analysis waits). */
  duringCompute?: (uri: string) => void | Promise<void>;
}

function harness(delayMs: number): Harness {
  const h: Harness = { versions: new Map(), published: [], failures: [], scheduler: undefined! };
  h.scheduler = new Scheduler<string>(delayMs, {
    currentVersion: (uri) => h.versions.get(uri),
    compute: async (uri) => {
      const version = h.versions.get(uri);
      await h.duringCompute?.(uri);
      return `${uri}@${version}`;
    },
    publish: (uri, result, version) => h.published.push([uri, result, version]),
    failed: (uri, e) => h.failures.push(`${uri}: ${(e as Error).message}`),
  });
  return h;
}

/** One turn of the event loop's check phase (where the connection dispatches queued messages). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets a wait with no delay (two turns) and the async part of a fired timer (compute, publish) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await turn();
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('a burst of changes to one document is validated once, for its last version', async () => {
  const h = harness(200);
  for (let v = 1; v <= 4; v++) {
    h.versions.set('a', v);
    h.scheduler.schedule('a', v);
    mock.timers.tick(150);
  }
  assert.deepEqual(h.published, []);
  mock.timers.tick(50);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@4', 4]]);
});

test('documents are debounced independently', async () => {
  const h = harness(100);
  h.versions.set('a', 1).set('b', 1);
  h.scheduler.schedule('a', 1);
  mock.timers.tick(60);
  h.scheduler.schedule('b', 1);
  mock.timers.tick(40);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@1', 1]]);
  mock.timers.tick(60);
  await settle();
  assert.deepEqual(h.published, [
    ['a', 'a@1', 1],
    ['b', 'b@1', 1],
  ]);
});

test('a result computed for a version the document has left is dropped', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  h.duringCompute = (uri) => {
    h.versions.set(uri, 2); // the change arrives while the analysis of version 1 waits
    h.duringCompute = undefined;
  };
  h.scheduler.schedule('a', 1);
  await settle();
  assert.deepEqual(h.published, []);
  h.scheduler.schedule('a', 2);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@2', 2]]);
});

test('a timer for an older version does nothing even if it fires', async () => {
  const h = harness(0);
  h.versions.set('a', 3);
  h.scheduler.schedule('a', 2);
  await settle();
  assert.deepEqual(h.published, []);
});

test('cancel (document closed) forgets the pending validation', async () => {
  const h = harness(100);
  h.versions.set('a', 1);
  h.scheduler.schedule('a', 1);
  h.scheduler.cancel('a');
  mock.timers.tick(500);
  await settle();
  assert.deepEqual(h.published, []);
});

test("a schedule's own delay replaces the default; dispose cancels everything", async () => {
  const h = harness(200);
  h.versions.set('a', 1).set('b', 1);
  h.scheduler.schedule('a', 1, 10);
  mock.timers.tick(10);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@1', 1]]);
  h.scheduler.schedule('b', 1);
  h.scheduler.dispose();
  mock.timers.tick(100);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@1', 1]]);
});

test('a compute that throws is reported to failed, not thrown out of the timer', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  h.duringCompute = () => {
    throw new Error('boom');
  };
  h.scheduler.schedule('a', 1);
  await settle();
  assert.deepEqual(h.failures, ['a: boom']);
  assert.deepEqual(h.published, []);
});

test('a later request for the same version (settings changed) supersedes a running compute', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  let computes = 0;
  h.duringCompute = () => {
    if (++computes === 1) h.scheduler.schedule('a', 1); // a settings reload asks again while the first run waits
  };
  h.scheduler.schedule('a', 1);
  await settle();
  await settle();
  assert.equal(computes, 2);
  assert.deepEqual(h.published, [['a', 'a@1', 1]], 'published once, by the later run');
});

test('closing while a compute runs drops its result', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  h.duringCompute = (uri) => h.scheduler.cancel(uri);
  h.scheduler.schedule('a', 1);
  await settle();
  assert.deepEqual(h.published, []);
});

test('a document closed (forgotten) and reopened at the same version while an old compute runs: only the new run publishes', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  let computes = 0;
  h.duringCompute = (uri) => {
    if (++computes > 1) return;
    h.scheduler.forget(uri); // closed: nothing is kept about it…
    h.scheduler.schedule(uri, 1); // …and opened again, at version 1 like the old run
  };
  h.scheduler.schedule('a', 1);
  await settle();
  await settle();
  assert.equal(computes, 2);
  assert.deepEqual(h.published, [['a', 'a@1', 1]], 'published once, by the run after the reopening');
});

/** Whether `promise` has settled by now (after pending microtasks ran). */
async function isSettled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await settle();
  return done;
}

test('settled waits for the pending validation of that version to publish, and is immediate when none is pending', async () => {
  const h = harness(100);
  h.versions.set('a', 1);
  assert.ok(await isSettled(h.scheduler.settled('a', 1)), 'nothing pending');
  h.scheduler.schedule('a', 1);
  const waiting = h.scheduler.settled('a', 1);
  mock.timers.tick(50);
  assert.equal(await isSettled(waiting), false, 'the debounce is not cut short');
  h.scheduler.schedule('a', 1); // the same version asked again (settings changed): still waiting
  mock.timers.tick(100);
  assert.ok(await isSettled(waiting));
  assert.deepEqual(h.published, [['a', 'a@1', 1]], 'settled after the publication');
});

test('settled ends without a result when the document moves to another version or closes', async () => {
  const h = harness(100);
  h.versions.set('a', 1);
  h.scheduler.schedule('a', 1);
  const forOne = h.scheduler.settled('a', 1);
  h.versions.set('a', 2);
  h.scheduler.schedule('a', 2);
  assert.ok(await isSettled(forOne), 'version 1 will never be validated');
  const forTwo = h.scheduler.settled('a', 2);
  h.scheduler.forget('a');
  assert.ok(await isSettled(forTwo), 'closed');
  mock.timers.tick(100);
  await settle();
  assert.deepEqual(h.published, []);
});

/** Runs `messages` the way vscode-jsonrpc dispatches a queue: one per turn, the next turn asked for once a handler returns. */
function dispatchOnePerTurn(messages: Array<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const next = () => {
      const message = messages.shift();
      if (!message) return resolve();
      message();
      setImmediate(next);
    };
    setImmediate(next);
  });
}

/** Keeps the thread busy for `ms`, as applying a change to a large document does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('with no delay, changes queued behind one another are validated once, for the last, however long each takes to apply', async () => {
  mock.timers.reset(); // real timers: the queue's turns and the scheduler's waits interleave as they do in the server
  const h = harness(0);
  const changes = Array.from({ length: 20 }, (_, i) => () => {
    h.versions.set('a', i + 1);
    h.scheduler.schedule('a', i + 1);
    busyFor(2); // longer than a 0 ms timer's 1 ms: a timer would fire between two changes
  });
  await dispatchOnePerTurn(changes);
  await settle();
  assert.deepEqual(h.published, [['a', 'a@20', 20]]);
});

test('with no delay, a change is validated without waiting for a timer', async () => {
  const h = harness(0);
  h.versions.set('a', 1);
  h.scheduler.schedule('a', 1);
  await settle(); // the mocked clock never moves
  assert.deepEqual(h.published, [['a', 'a@1', 1]]);
});
