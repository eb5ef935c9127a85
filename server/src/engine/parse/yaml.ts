// YAML through `yaml` (eemeli): nodes keep exact source offsets and comments, aliases stay unexpanded.
// A stream is split at document markers first so each document parses (and is cached) on its own:
// an edit in one document of a large bundle re-parses only that document.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair, ParsedNode } from 'yaml';
import type { Range } from '../model';
import type { SourceFile } from '../source';

export type { Node, Pair } from 'yaml';
export { isMap, isSeq, isScalar, isPair, isAlias, YAMLMap, YAMLSeq, Scalar };

export interface YamlError { message: string; range: Range }

/** One `---` document of a stream, with offsets mapped back to the whole file. */
export class YamlDocument {
  constructor(
    readonly src: SourceFile,
    readonly doc: Document.Parsed,
    /** Offset of this document's text in the file. */
    readonly offset: number,
    readonly length: number,
  ) {}

  get contents(): ParsedNode | null {
    return this.doc.contents;
  }

  /** The whole document's range in the file. */
  get range(): Range {
    return this.src.rangeOf(this.offset, this.offset + this.length);
  }

  /** Range of a node's value, excluding trailing comments. */
  rangeOf(node: Node | null | undefined): Range {
    const r = node?.range;
    if (!r) return this.range;
    return this.src.rangeOf(this.offset + r[0], this.offset + r[1]);
  }

  /** Absolute [start, end) offsets of a node's value. */
  offsets(node: Node): [number, number] {
    const r = node.range ?? [0, 0, 0];
    return [this.offset + r[0], this.offset + r[1]];
  }

  /** Alias → anchor, cached: `Alias.resolve` walks the whole document on every call. */
  private readonly aliasTargets = new Map<Alias, Node | undefined>();

  /** Follows an alias to its anchor (one step; never expands recursively). */
  deref(node: unknown): Node | undefined {
    if (!isAlias(node)) return (node ?? undefined) as Node | undefined;
    const alias = node as Alias;
    if (!this.aliasTargets.has(alias)) this.aliasTargets.set(alias, alias.resolve(this.doc) as Node | undefined);
    return this.aliasTargets.get(alias);
  }

  /** The pair for `key` in a map, looking through `<<` merge keys when the map has none of its own. */
  pair(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
    const m = this.deref(map);
    if (!isMap(m)) return undefined;
    let merged: Pair<Scalar, Node | null> | undefined;
    for (const item of m.items) {
      const k = item.key;
      const name = isScalar(k) ? String(k.value) : undefined;
      if (name === key) return item as Pair<Scalar, Node | null>;
      if (name === '<<' && merged === undefined) {
        const sources = isSeq(item.value) ? item.value.items : [item.value];
        for (const source of sources) {
          merged = this.pair(source, key);
          if (merged) break;
        }
      }
    }
    return merged;
  }

  /** The value node at a key path, aliases followed. */
  get(node: unknown, ...path: string[]): Node | undefined {
    let cur: Node | undefined = this.deref(node);
    for (const key of path) {
      cur = this.deref(this.pair(cur, key)?.value);
      if (cur === undefined) return undefined;
    }
    return cur;
  }

  /** A scalar's value at a key path (undefined when absent or not a scalar). */
  scalar(node: unknown, ...path: string[]): unknown {
    const n = this.get(node, ...path);
    return isScalar(n) ? n.value : undefined;
  }

  /** Items of a sequence (aliases followed), or [] when it is not one. */
  items(node: unknown): Node[] {
    const n = this.deref(node);
    return isSeq(n) ? (n.items as Node[]).map((i) => this.deref(i)).filter((i): i is Node => i !== undefined) : [];
  }

  /** Key/value pairs of a map in source order (merge keys excluded). */
  entries(node: unknown): Array<{ key: string; pair: Pair<Scalar, Node | null> }> {
    const n = this.deref(node);
    if (!isMap(n)) return [];
    const out: Array<{ key: string; pair: Pair<Scalar, Node | null> }> = [];
    for (const item of n.items) {
      if (isScalar(item.key) && String(item.key.value) !== '<<') out.push({ key: String(item.key.value), pair: item as Pair<Scalar, Node | null> });
    }
    return out;
  }

  /** Whether a node's source holds a Helm/Go template expression (its parsed value is only a mask). */
  isTemplated(node: Node | null | undefined): boolean {
    if (!node?.range) return false;
    const [s, e] = this.offsets(node);
    return this.src.text.slice(s, e).includes('{{');
  }
}

export interface YamlStream { documents: YamlDocument[]; errors: YamlError[] }

/** Same-length stand-in for `{{ … }}` so offsets stay true; never a valid value of any rule. */
const TEMPLATE_MASK = '\u2060';
const TEMPLATE = /\{\{-?[\s\S]*?-?\}\}/g;

export function hasTemplates(text: string): boolean {
  return text.includes('{{');
}

/**
 * Replaces Go-template expressions with same-length masks. A line holding only a template action
 * ({{ if }}, {{ end }}, {{- include ... }}) becomes blank so it cannot break the YAML structure.
 */
export function maskTemplates(text: string): string {
  return text.replace(TEMPLATE, (m, offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset + m.length);
    const lineEnd = nl < 0 ? text.length : nl;
    const alone = text.slice(lineStart, offset).trim() === '' && text.slice(offset + m.length, lineEnd).trim() === '';
    return m.replace(/[^\n\r]/g, alone ? ' ' : TEMPLATE_MASK);
  });
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/;
const parseCache = new Map<string, Document.Parsed>();
const PARSE_CACHE_LIMIT = 2000;

/** Splits a stream at `---` lines (outside block scalars is good enough: a `---` at column 0 always starts a document). */
export function splitDocuments(text: string): Array<{ offset: number; text: string }> {
  const parts: Array<{ offset: number; text: string }> = [];
  let start = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    if (pos > start && DOCUMENT_START.test(text.slice(pos, Math.min(lineEnd, pos + 8)))) {
      parts.push({ offset: start, text: text.slice(start, pos) });
      start = pos;
    }
    if (nl < 0) break;
    pos = lineEnd;
  }
  parts.push({ offset: start, text: text.slice(start) });
  return parts;
}

function parseOne(text: string): Document.Parsed {
  let doc = parseCache.get(text);
  if (doc) {
    parseCache.delete(text);
  } else {
    doc = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false });
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
  }
  parseCache.set(text, doc);
  return doc;
}

/** Parses every document of a stream; errors are returned as data, never thrown. */
export function parseYamlStream(src: SourceFile, text: string = src.text): YamlStream {
  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  for (const part of splitDocuments(text)) {
    if (part.text.trim() === '' || /^---\s*$/.test(part.text.trim())) continue;
    const doc = parseOne(part.text);
    const yd = new YamlDocument(src, doc, part.offset, part.text.length);
    for (const e of doc.errors) {
      const [s, t] = e.pos;
      errors.push({ message: e.message.split('\n')[0].replace(/[\s:.]+$/, ''), range: src.rangeOf(part.offset + s, part.offset + Math.max(t, s)) });
    }
    documents.push(yd);
  }
  return { documents, errors };
}

