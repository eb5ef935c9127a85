// The server starts in two steps, so that `initialize` is answered at once: the start-up entry
// (server.ts) answers it from the static capabilities, and the rest of the server (the engine and every
// other handler, languageServer.ts) is loaded afterwards. vscode-jsonrpc answers a request nobody
// handles with MethodNotFound and drops such a notification, so the rest must be loaded before the next
// message is dispatched, however fast the client sends it: the connection dispatches every message
// through this strategy, which runs the pending load first.
import type { Message, MessageStrategy } from 'vscode-languageserver/node';
import { afterQueuedMessages } from './turns';

class LoadBeforeDispatch implements MessageStrategy {
  private pending: (() => void) | undefined;

  /**
   * Called from a request handler: `load` runs once, as soon as the handler's answer is written (while
   * the client reads it and sends its next messages), or before the next message is dispatched if one
   * is already waiting.
   */
  loadAfterAnswer(load: () => void): void {
    this.pending = load;
    afterQueuedMessages(() => this.loadPending());
  }

  handleMessage(message: Message, next: (message: Message) => void): void {
    this.loadPending();
    next(message);
  }

  private loadPending(): void {
    const load = this.pending;
    this.pending = undefined;
    load?.();
  }
}

export const startUp = new LoadBeforeDispatch();
