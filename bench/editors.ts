// Edit → publishDiagnostics over the real protocol, Bulkhead against the language server a user runs
// beside it, interleaved: each round types one keystroke-sized edit (one line replaced, an incremental
// change) into every server in turn, at a typist's pace, so a busy spell of the machine slows all of them
// alike. Each server has the same workspace folder open, and besides the latency the bench records what a
// keystroke costs the editor (the bytes of the diagnostics it is sent) and the server's memory once the
// edits are done.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { LspClient, type PublishedDiagnostics } from '../test/harness/lspClient';
import { CLIENT_OPTIONS } from '../shared/protocol';

const REPO = path.resolve(__dirname, '..', '..');
const DOCKER_LANGSERVER = path.join(REPO, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');
const YAML_LANGSERVER = path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

export interface Contender {
  name: string;
  serverPath?: string;
  initializationOptions: object;
  settings?: Record<string, unknown>;
}

/**
 * Bulkhead as the extension's client starts it (CLIENT_OPTIONS) with the editor's defaults (no debounce:
 * changes queued meanwhile coalesced), and with a client-set debounce of 0.
 */
export const BULKHEAD: Contender[] = [
  { name: 'bulkhead (default settings)', initializationOptions: CLIENT_OPTIONS },
  { name: 'bulkhead (debounce 0)', initializationOptions: { ...CLIENT_OPTIONS, debounceMs: 0 } },
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
  /**
   * Median over the `warmEdits` typed after the timed ones, when asked for: the first edits after a file
   * opens are when each server's compiler optimizes it, so they measure warm-up; these, steady typing.
   */
  warmMedian?: number;
  /** Median size in bytes of the publishDiagnostics a keystroke brings (JSON, UTF-8). */
  payloadBytes: number;
  /** The server process's resident set after the edits, and its peak, in MB (Linux /proc; null elsewhere). */
  rssMb: number | null;
  peakRssMb: number | null;
}

/** A server process's current and peak resident set in MB, from /proc (null where there is none). */
function processMemory(pid: number | undefined): { rssMb: number | null; peakRssMb: number | null } {
  let status = '';
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rssMb: null, peakRssMb: null };
  }
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Math.round(Number(m[1]) / 1024) : null;
  };
  return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
}

function startClient(c: Contender): LspClient {
  const client = new LspClient(c.serverPath);
  if (c.settings) client.settings = c.settings;
  return client;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Where a round's edit lands and whose publication it waits for, when not the edited file's middle line. */
export interface EditPlace {
  /** The line edited (0-based). */
  line?: number;
  /** Another file of the workspace, opened beside the edited one: the round ends at its publication (a dependent re-checked). */
  watch?: string;
  /** Rounds typed after the `edits` timed ones, reported apart as `warmMedian`. */
  warmEdits?: number;
}

/** Between two keystrokes of someone typing steadily (about ten a second). */
const TYPING_PAUSE_MS = 100;

/**
 * `edits` rounds of one line changed in `file` (inside the workspace folder `root`), each contender timed
 * from the change to its next publication of the file (or of `place.watch`); then `place.warmEdits` more
 * rounds, timed apart.
 */
export async function interleavedEditLatency(contenders: Contender[], root: string, file: string, languageId: string, edits: number, place: EditPlace = {}): Promise<EditLatency[]> {
  const uri = pathToFileURL(path.join(root, file)).href;
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const watched = place.watch === undefined ? uri : pathToFileURL(path.join(root, place.watch)).href;
  const clients = contenders.map(startClient);
  try {
    for (const [i, client] of clients.entries()) {
      await client.initialize(root, contenders[i].initializationOptions);
      if (place.watch !== undefined) {
        await client.open(watched, languageId, fs.readFileSync(path.join(root, place.watch), 'utf8'), 1);
        await client.waitForDiagnostics((p) => p.uri === watched, 120_000);
      }
      await client.open(uri, languageId, text, 1);
      await client.waitForDiagnostics((p) => p.uri === uri, 120_000);
    }
    const lines = text.split('\n');
    const at = place.line ?? Math.floor(lines.length / 2);
    const samples = contenders.map((): number[] => []);
    const warmSamples = contenders.map((): number[] => []);
    const warmEdits = place.warmEdits ?? 0;
    const payloads = contenders.map((): number[] => []);
    for (let v = 2; v < edits + warmEdits + 2; v++) {
      const before = lines[at];
      const after = /\d/.test(before) ? before.replace(/\d+/, String(v)) : `${before.replace(/ #\d+$/, '')} #${v}`;
      lines[at] = after;
      // Each round starts with another contender, and each edit is followed by a typist's pause: the
      // work a server leaves running after it publishes (its compiler threads optimizing the engine, a
      // collection) ends in its own pause instead of landing on the next contender's timed edit.
      for (let k = 0; k < clients.length; k++) {
        const i = (v + k) % clients.length;
        const client = clients[i];
        client.reset();
        const t = process.hrtime.bigint();
        await client.edit(uri, v, { start: { line: at, character: 0 }, end: { line: at, character: before.length } }, after);
        const published: PublishedDiagnostics = await client.waitForDiagnostics((p) => p.uri === watched, 120_000);
        (v < edits + 2 ? samples : warmSamples)[i].push(Number(process.hrtime.bigint() - t) / 1e6);
        payloads[i].push(Buffer.byteLength(JSON.stringify(published)));
        await setTimeout(TYPING_PAUSE_MS);
      }
    }
    return contenders.map((c, i) => ({
      name: c.name,
      median: percentile(samples[i], 50),
      p95: percentile(samples[i], 95),
      samples: samples[i].length,
      ...(warmEdits > 0 ? { warmMedian: percentile(warmSamples[i], 50) } : {}),
      payloadBytes: percentile(payloads[i], 50),
      ...processMemory(clients[i].process.pid),
    }));
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => null)));
  }
}

export interface StartUp {
  name: string;
  /** Median ms from spawning the server to its `initialize` result, over `runs` spawns. */
  median: number;
  runs: number;
  /**
   * For the contenders given a first document: median ms from the `initialize` result to the first
   * publishDiagnostics of that document, opened right after `initialized` (what a user waits for once
   * the server has answered), and from the spawn to that publication.
   */
  firstDiagnostics?: { afterInitialize: number; afterSpawn: number };
}

/** A document opened at once by some of the contenders, timed to its first diagnostics. */
export interface FirstDocument {
  file: string;
  languageId: string;
  contenders: Contender[];
}

/**
 * Each contender spawned `runs` times in turn with the workspace folder `root`, timed to its `initialize`
 * result and, for those `first` names, to the first diagnostics of `first.file` (inside `root`).
 */
export async function startUpTimes(contenders: Contender[], root: string, runs: number, first?: FirstDocument): Promise<StartUp[]> {
  const samples = contenders.map(() => ({ initialize: [] as number[], afterInitialize: [] as number[], afterSpawn: [] as number[] }));
  const document = first && { uri: pathToFileURL(path.join(root, first.file)).href, text: fs.readFileSync(path.join(root, first.file), 'utf8') };
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of contenders.entries()) {
      const started = performance.now();
      const client = startClient(c);
      try {
        await client.initialize(root, c.initializationOptions);
        const answered = performance.now();
        samples[i].initialize.push(answered - started);
        if (document && first.contenders.includes(c)) {
          await client.open(document.uri, first.languageId, document.text, 1);
          await client.waitForDiagnostics((p) => p.uri === document.uri, 120_000);
          const published = performance.now();
          samples[i].afterInitialize.push(published - answered);
          samples[i].afterSpawn.push(published - started);
        }
      } finally {
        await client.stop().catch(() => null);
      }
    }
  }
  return contenders.map((c, i) => {
    const { initialize, afterInitialize, afterSpawn } = samples[i];
    const firstDiagnostics = afterInitialize.length ? { afterInitialize: percentile(afterInitialize, 50), afterSpawn: percentile(afterSpawn, 50) } : undefined;
    return { name: c.name, median: percentile(initialize, 50), runs, ...(firstDiagnostics && { firstDiagnostics }) };
  });
}
