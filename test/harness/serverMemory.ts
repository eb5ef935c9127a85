// The language server's memory in an editing session on one large manifest: the workload of the memory
// bench (bench/serverMemory.ts) and of its smaller regression test (test/lsp/memory.test.ts). Memory is
// read from the server process itself, so it counts everything the server keeps, not one cache.
import * as fs from 'node:fs';
import type { LspClient } from './lspClient';

/** Bytes. */
export interface ProcessMemory {
  rss: number;
  peakRss: number;
}

/** The resident and peak resident (VmHWM) size of a process, from /proc; undefined without /proc (not Linux). */
export function processMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const bytes = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: bytes('VmRSS'), peakRss: bytes('VmHWM') };
}

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n';

/** A ConfigMap of about `chars` characters, one short `data` entry per line (many YAML nodes per megabyte, as real config is), so edits stay small. */
export function largeConfigMap(chars: number): string {
  const lines = [HEADER];
  let size = HEADER.length;
  for (let i = 0; size < chars; i++) {
    const line = `  key-${String(i).padStart(6, '0')}: "value-${i}"\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** What the server reports through `$/logTrace` for each analysis it runs (with tracing on). */
export const ANALYZED = /^bulkhead: analyzed (\S+) \(version (\d+)\)/;

/** The versions of `uri` the server analyzed, in order, from its trace (the client must have sent `$/setTrace`). */
export function analyzedVersions(client: LspClient, uri: string): number[] {
  return client
    .messages<{ message: string }>('$/logTrace')
    .map((t) => ANALYZED.exec(t.message))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === uri)
    .map((m) => Number(m[2]));
}

export interface EditSession {
  /** After the first publication. */
  opened: ProcessMemory;
  /** After the last edit's publication. */
  ended: ProcessMemory;
  /** Analyses the server traced for the document, open included. */
  analyses: number;
}

/**
 * Opens `text` as a YAML manifest, then `edits` times changes one character of a line in the middle of
 * the file (an incremental change, as an editor sends) and hovers the `kind:` line, waiting for each
 * hover's answer. Memory is read once the last version is published.
 */
export async function editAndHover(client: LspClient, uri: string, text: string, edits: number): Promise<EditSession> {
  await client.connection.sendNotification('$/setTrace', { value: 'messages' });
  await client.open(uri, 'yaml', text, 1);
  await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 120_000);
  const opened = memoryOf(client);
  const middle = Math.floor(text.split('\n').length / 2);
  for (let v = 2; v <= edits + 1; v++) {
    // One character of the next entry's value (`  key-NNNNNN: "value-…`), so every version's text is new.
    const at = { line: middle + v, character: 16 };
    await client.edit(uri, v, { start: at, end: { line: at.line, character: at.character + 1 } }, 'V');
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
  }
  await client.waitForDiagnostics((p) => p.uri === uri && p.version === edits + 1, 120_000);
  return { opened, ended: memoryOf(client), analyses: analyzedVersions(client, uri).length };
}

function memoryOf(client: LspClient): ProcessMemory {
  const memory = processMemory(client.process.pid!);
  if (!memory) throw new Error('process memory is read from /proc, which this system does not have');
  return memory;
}
