// The language server in a web worker (vscode.dev, github.dev): the same server as server.ts, bundled by
// scripts/webBundles.mjs with the web counterparts of its Node-only modules (server/src/web/): the
// connection is the worker's message port, and files are read through the client.
import './server';
