// Edit → publishDiagnostics over the real protocol, Bulkhead against the language server a user runs
// beside it, interleaved: each round types one keystroke-sized edit (one line replaced, an incremental
// change) into every server in turn, so a busy spell of the machine slows all of them alike.
import * as path from 'node:path';
import { LspClient } from '../test/harness/lspClient';

const REPO = path.resolve(__dirname, '..', '..');
const DOCKER_LANGSERVER = path.join(REPO, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');
const YAML_LANGSERVER = path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

export interface Contender {
  name: string;
  serverPath?: string;
  initializationOptions: object;
  settings?: Record<string, unknown>;
}

/** Bulkhead with the editor's defaults (adaptive debounce) and with debounce 0. */
export const BULKHEAD: Contender[] = [
  { name: 'bulkhead (default settings)', initializationOptions: {} },
  { name: 'bulkhead (debounce 0)', initializationOptions: { debounceMs: 0 } },
];
export const DOCKERFILE_PEER: Contender = { name: 'docker-langserver', serverPath: DOCKER_LANGSERVER, initializationOptions: {} };
/** Schemas off: what it costs to validate YAML, not to download a schema store. */
export const YAML_PEER: Contender = {
  name: 'yaml-language-server (schemas off)',
  serverPath: YAML_LANGSERVER,
  initializationOptions: {},
  settings: { validate: true, schemaStore: { enable: false }, schemas: {}, hover: false, completion: false, format: { enable: false } },
};

export interface EditLatency {
  name: string;
  median: number;
  p95: number;
  samples: number;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** `edits` rounds of one line changed in the middle of `text`, each contender timed from the change to its next publication. */
export async function interleavedEditLatency(contenders: Contender[], uri: string, languageId: string, text: string, edits: number): Promise<EditLatency[]> {
  const clients = contenders.map((c) => {
    const client = new LspClient(c.serverPath);
    if (c.settings) client.settings = c.settings;
    return client;
  });
  try {
    for (const [i, client] of clients.entries()) {
      await client.initialize(undefined, contenders[i].initializationOptions);
      await client.open(uri, languageId, text, 1);
      await client.waitForDiagnostics((p) => p.uri === uri, 120_000);
    }
    const lines = text.split('\n');
    const at = Math.floor(lines.length / 2);
    const samples = contenders.map((): number[] => []);
    for (let v = 2; v < edits + 2; v++) {
      const before = lines[at];
      const after = /\d/.test(before) ? before.replace(/\d+/, String(v)) : `${before.replace(/ #\d+$/, '')} #${v}`;
      lines[at] = after;
      for (const [i, client] of clients.entries()) {
        client.reset();
        const t = process.hrtime.bigint();
        await client.edit(uri, v, { start: { line: at, character: 0 }, end: { line: at, character: before.length } }, after);
        await client.waitForDiagnostics((p) => p.uri === uri, 120_000);
        samples[i].push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    return contenders.map((c, i) => ({ name: c.name, median: percentile(samples[i], 50), p95: percentile(samples[i], 95), samples: samples[i].length }));
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => null)));
  }
}
