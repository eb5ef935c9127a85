// One YAML document's text → its parsed Document, refused when it nests too deep for the parser.
// The `yaml` library's CST parser unwinds a dedent by recursion (step → pop → step) and its composer
// recurses once per level: a few thousand levels (`- - - … x`, 2 bytes each) overflow the stack, and
// near the limit V8 can abort the whole process ("RegExpCompiler Allocation failed"), which no catch
// survives. So the lexemes are fed to the parser one at a time and its stack is watched: every lexeme
// pushes at most one node, so the stack never grows past the limit before the parse is abandoned,
// and the composer (the recursive stage) never sees a document deeper than the limit.
import { CST, Composer, Lexer, Parser, YAMLParseError } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { readBlockYaml, type PlainMemory } from './blockYamlReader';

/**
 * Deepest nesting (collections, plus the scalar they end in) a document may have. The deepest file of
 * the 3,500 real manifests in our corpus nests 23 levels (CRDs with nested OpenAPI schemas); the
 * library overflows the default stack between 2,500 and 5,000. 128 leaves five times the deepest real
 * file and keeps the engine's own walkers, which recurse once per level, far from the stack's end.
 */
export const MAX_YAML_DEPTH = 128;

/** A document the parser was not allowed to finish. */
export interface TooDeep {
  tooDeep: true;
  limit: number;
}

export function isTooDeep(parsed: Document.Parsed | TooDeep): parsed is TooDeep {
  return (parsed as TooDeep).tooDeep === true;
}

class NestingLimitExceeded extends Error {}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** The Parser state `Parser.next` keeps between lexemes (private in the library's types). */
interface ParserState {
  source: string;
  type: string;
  offset: number;
  indent: number;
  atNewLine: boolean;
  atScalar: boolean;
  stack: CST.Token[];
  step(): Generator<CST.Token>;
  pop(error?: CST.Token): Generator<CST.Token>;
}

/**
 * `Parser.next(lexeme)` of `yaml` 2.x, less its `process.env.LOG_TOKENS` debugging check: that read
 * crosses into C++ for every lexeme (about 0.4 µs), a fifth of the parse of a large document.
 * The CST is the library's own: `step` and `pop` do the parsing; this only tracks what `next` tracks
 * (no `onNewLine`: this Parser is built without one). test/engine/yamlParse.test.ts checks the
 * documents against the library's parseDocument, so a library update that changes `next` fails there.
 */
function* nextLexeme(parser: ParserState, source: string): Generator<CST.Token> {
  parser.source = source;
  if (parser.atScalar) {
    parser.atScalar = false;
    yield* parser.step();
    parser.offset += source.length;
    return;
  }
  const type = CST.tokenType(source);
  if (!type) {
    yield* parser.pop({ type: 'error', offset: parser.offset, message: `Not a YAML token: ${source}`, source });
    parser.offset += source.length;
    return;
  }
  if (type === 'scalar') {
    parser.atNewLine = false;
    parser.atScalar = true;
    parser.type = 'scalar';
    return;
  }
  parser.type = type;
  yield* parser.step();
  switch (type) {
    case 'newline':
      parser.atNewLine = true;
      parser.indent = 0;
      break;
    case 'space':
      if (parser.atNewLine && source[0] === ' ') parser.indent += source.length;
      break;
    case 'explicit-key-ind':
    case 'map-value-ind':
    case 'seq-item-ind':
      if (parser.atNewLine) parser.indent += source.length;
      break;
    case 'doc-mode':
    case 'flow-error-end':
      return;
    default:
      parser.atNewLine = false;
  }
  parser.offset += source.length;
}

/** The CST of `text`, lexeme by lexeme; throws NestingLimitExceeded as soon as the parser's stack passes `limit`. */
function* boundedTokens(text: string, limit: number): Generator<CST.Token> {
  const parser = new Parser();
  const state = parser as unknown as ParserState;
  for (const lexeme of new Lexer().lex(text)) {
    yield* nextLexeme(state, lexeme);
    // stack[0] is the document itself.
    if (parser.stack.length - 1 > limit) throw new NestingLimitExceeded();
  }
  yield* parser.end();
}

/**
 * `parseDocument(text, options)` of the `yaml` library, except that a document nesting deeper than
 * `limit` is refused before it is composed. Other errors are returned in `doc.errors`, never thrown.
 * Plain block YAML is read by readBlockYaml into the same nodes, three to four times faster (`plains`:
 * what the other documents of its stream read, see PlainMemory).
 */
export function parseYamlDocument(text: string, options: Options = {}, limit = MAX_YAML_DEPTH, plains?: PlainMemory): Document.Parsed | TooDeep {
  return readBlockYaml(text, options, limit, plains) ?? parseWithLibrary(text, options, limit);
}

/** parseYamlDocument through the library's own Parser and Composer, whatever the text. */
export function parseWithLibrary(text: string, options: Options = {}, limit = MAX_YAML_DEPTH): Document.Parsed | TooDeep {
  try {
    // As parseDocument does: the first document is the result; a second one is an error.
    let doc: Document.Parsed | undefined;
    for (const next of new Composer(options).compose(boundedTokens(text, limit), true, text.length)) {
      if (!doc) {
        doc = next;
        continue;
      }
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
    return doc as Document.Parsed; // compose(…, forceDoc = true) always yields one
  } catch (e) {
    if (e instanceof NestingLimitExceeded) return { tooDeep: true, limit };
    throw e;
  }
}
