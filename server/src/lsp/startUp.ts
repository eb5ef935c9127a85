// The server starts in two steps, so that `initialize` is answered at once: the start-up entry
// (server.ts) answers it from the static capabilities, and the rest of the server (the engine and every
// other handler, languageServer.ts) is loaded afterwards. vscode-jsonrpc answers a request nobody
// handles with MethodNotFound and drops such a notification, so the rest must be loaded before the next
// message is dispatched, however fast the client sends it: the connection dispatches every message
// through this strategy, which runs the pending load first.
import type { Message, MessageStrategy } from 'vscode-languageserver/node';

class LoadBeforeDispatch implements MessageStrategy {
  private pending: (() => void) | undefined;

  /** `load` runs once, before the next message is dispatched (or sooner, through `loadNow`). */
  loadBeforeNextMessage(load: () => void): void {
    this.pending = load;
  }

  loadNow(): void {
    const load = this.pending;
    this.pending = undefined;
    load?.();
  }

  handleMessage(message: Message, next: (message: Message) => void): void {
    this.loadNow();
    next(message);
  }
}

export const startUp = new LoadBeforeDispatch();
