// Turns of the event loop as vscode-jsonrpc takes them: what the scheduler and the start-up wait for.
import { RAL } from 'vscode-languageserver/node';

/**
 * Calls `then` once the connection has dispatched the messages it already holds; returns its cancel.
 * vscode-jsonrpc dispatches its queue one message per `RAL().timer.setImmediate` turn, scheduling the
 * next message's turn only after the handler returns: a turn the handler asks for runs before the next
 * message, a turn asked for from that one runs after it, so a change still queued supersedes this wait
 * (and starts its own). A web worker has no setImmediate (RAL's turns are microtasks there and messages
 * arrive as tasks): the second turn is a task, after the messages already posted. Either way it also
 * runs after the answer of the handler that asked is written: vscode-jsonrpc writes it from a turn it
 * queues once the handler has returned.
 */
export function afterQueuedMessages(then: () => void): () => void {
  const first = RAL().timer.setImmediate(() => (cancel = nextTask(then)));
  let cancel = () => first.dispose();
  return () => cancel();
}

function nextTask(then: () => void): () => void {
  if (typeof setImmediate === 'function') {
    const immediate = setImmediate(then);
    return () => clearImmediate(immediate);
  }
  const timeout = setTimeout(then, 0);
  return () => clearTimeout(timeout);
}
