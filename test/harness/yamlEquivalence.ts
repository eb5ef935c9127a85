// What the engine can observe of a parsed YAML document, to prove that the fast reader
// (parse/blockYamlReader.ts) builds what the `yaml` library builds: node classes, ranges, scalar
// values, sources, styles and formats, flow flags, anchors and tags, aliases and the nodes they name, the
// document's range and start marker, and errors and warnings. Comments are left out: the reader does not attach them and nothing
// in the engine reads them.
import * as YAML from 'yaml';
import { aliasTargets, readBlockYaml } from '../../server/src/engine/parse/blockYamlReader';
import { MAX_YAML_DEPTH } from '../../server/src/engine/parse/yamlDocument';

/** The options the engine parses streams with (parse/yaml.ts). */
export const STREAM_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false } as const;

/** A value as text that keeps what JSON would lose (bigint, NaN, -0, Infinity) and its type. */
function valueOf(value: unknown): string {
  if (typeof value === 'number' && Object.is(value, -0)) return 'number:-0';
  return `${typeof value}:${String(value)}`;
}

function nodeView(node: unknown): unknown {
  if (node === null || node === undefined) return String(node);
  if (YAML.isPair(node)) return ['Pair', nodeView(node.key), nodeView(node.value)];
  if (YAML.isScalar(node)) return [node.constructor.name, node.type, valueOf(node.value), node.source, node.format, node.range, node.anchor, node.tag];
  if (YAML.isMap(node) || YAML.isSeq(node)) return [node.constructor.name, node.flow === true, node.range, node.anchor, node.tag, node.items.map(nodeView)];
  if (YAML.isAlias(node)) return ['Alias', node instanceof YAML.Alias, node.source, node.range];
  return ['other', String(node)];
}

/** The node each alias of `doc` names (by `targetOf`), as its place among the document's nodes in visiting order (-1: none). */
function aliasTargetsView(doc: YAML.Document.Parsed, targetOf: (alias: YAML.Alias) => unknown): number[] {
  const nodes: unknown[] = [];
  YAML.visit(doc, (_key, node) => void nodes.push(node));
  return nodes.filter(YAML.isAlias).map((alias) => nodes.indexOf(targetOf(alias)));
}

/**
 * Everything the engine can read of `doc`, as plain data. Its aliases name the nodes `targetOf` finds
 * (the engine's lookups read the map the reader hands over, see aliasTargets), by default the library's `Alias.resolve`.
 */
export function observable(doc: YAML.Document.Parsed, targetOf = (alias: YAML.Alias): unknown => alias.resolve(doc)): unknown {
  const problems = (list: YAML.YAMLError[]): unknown[] => list.map((e) => [e.code, e.pos]);
  return [nodeView(doc.contents), doc.range, doc.directives.docStart === true, problems(doc.errors), problems(doc.warnings), aliasTargetsView(doc, targetOf)];
}

export type Verdict = { kind: 'declined' } | { kind: 'same' } | { kind: 'different'; library: string; reader: string };

/** The options other callers parse with (Helm values and charts, cluster components): strict. */
export const STRICT_OPTIONS = { uniqueKeys: false } as const;

/** The reader's result on one document's text against the library's parseDocument. */
export function compareWithLibrary(text: string, options: YAML.ParseOptions & YAML.DocumentOptions = STREAM_OPTIONS): Verdict {
  const read = readBlockYaml(text, options, MAX_YAML_DEPTH);
  if (!read) return { kind: 'declined' };
  const library = JSON.stringify(observable(YAML.parseDocument(text, options)));
  const reader = JSON.stringify(observable(read, (alias) => aliasTargets.get(read)?.get(alias)));
  return library === reader ? { kind: 'same' } : { kind: 'different', library, reader };
}
