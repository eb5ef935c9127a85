// A fast reader for the plain block YAML that manifests and Compose files are written in. The `yaml`
// library spends about 1 µs per lexeme in its CST parser (a 2 MB file takes a second); this reads
// the same documents line by line and builds the very same node objects (Document, YAMLMap, YAMLSeq,
// Pair, Scalar with its range, source, style and value resolved by the document's own schema tags).
// The subset: block maps and sequences; plain scalars (continued on more indented lines too), quoted
// ones (with the escapes YAML defines, on one line or several), literal and folded block scalars (no
// indentation indicator), flow sequences and maps of scalars and of flow collections, each item on one
// line; anchors on values (`key: &a` before a block collection, `&a value`, empty ones) and aliases as
// values (`<<: *a`, `[*a, *b]`: Compose files share settings so); scalars tagged with the schema's own
// tags (`!!str 1`); empty values and the comments after them; comments (tabs in them too), blank lines,
// `---`, `...`, CRLF.
// It DECLINES (returns undefined, and the library parses the document as before) on anything else:
// anchors on keys or in flow collections, aliases as keys, tags the schema does not hold (the library
// warns), tags on collections, explicit keys, directives, tabs outside comments and block scalars,
// multi-line items in flow collections, any text the library reports an error or a warning on, and any
// layout whose meaning it is not sure of. Comments are not attached to nodes (nothing in the engine reads
// them), but where they lengthen a node's range, as the library's parser places them, the ranges
// match: test/engine/blockYamlReader.test.ts compares both on corpus documents and generated ones.
import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';
import type { DocumentOptions, Node, ParseOptions, Schema, SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;
type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;
/** A value that ends its line or flow item: a scalar or an alias. */
type Leaf = Scalar | Alias;
type Range = [number, number, number];

/** The library's own property holding a node's type (`identity.NODE_TYPE`, a registered symbol); YamlDocument's lookups read it too. */
export const NODE_TYPE = Symbol.for('yaml.node.type');
/** Its values for the node kinds (registered symbols as well): the engine's hottest walks compare them in place of `isMap` and the rest, a call each. */
export const MAP_TYPE = Symbol.for('yaml.map');
export const SEQ_TYPE = Symbol.for('yaml.seq');
export const SCALAR_TYPE = Symbol.for('yaml.scalar');
export const ALIAS_TYPE = Symbol.for('yaml.alias');
export const PAIR_TYPE = Symbol.for('yaml.pair');
/** A node whose type is read through NODE_TYPE. */
export type Typed = { [NODE_TYPE]?: symbol };
/** Where a collection built here keeps its schema: a symbol, so it stays out of `Object.keys` and JSON as the library's own does. */
const SCHEMA = Symbol('schema');
/** Where a node built here keeps its range: three offsets, made the `[start, end, nodeEnd]` array when first read. */
const START = Symbol('start');
const END = Symbol('end');
const NODE_END = Symbol('nodeEnd');
const RANGE = Symbol('range');

/** What a scalar, collection or alias built here keeps of its range. */
interface Placed {
  [START]: number;
  [END]: number;
  [NODE_END]: number;
  [RANGE]: Range | undefined;
}

/**
 * A prototype for the nodes of one class built here, holding what the library's constructors define
 * on every node: its node type (`Object.defineProperty` in `NodeBase`, `Pair`), and for collections
 * their `schema` (a non-enumerable property there, an accessor to a symbol-keyed field here). A
 * `defineProperty` per node was a quarter of reading a 2 MB stream of distinct documents (a runtime
 * call each, on 100,000 nodes); for an alias it also turned the node into a dictionary. The nodes are
 * instances of the library's classes (`instanceof`, `isScalar`, `clone`, `toJS`) with the same own
 * enumerable properties, but for `range` (below).
 */
function nodePrototype<T extends object>(base: { prototype: T }, type: string, own: PropertyDescriptorMap): T {
  return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(`yaml.${type}`) }, ...own }) as T;
}

/**
 * A node's `range`, an accessor: the array is made when first read (or set), from the offsets the node
 * keeps. Rules read the ranges of the few nodes they report: a 3-item array per node was a third of a
 * parsed tree, and the tree is what garbage collection copies while a large file is read.
 */
const LAZY_RANGE: PropertyDescriptor = {
  get(this: Placed): Range {
    return (this[RANGE] ??= [this[START], this[END], this[NODE_END]]);
  },
  set(this: Placed, range: Range): void {
    this[RANGE] = range;
  },
};

/** A collection's `schema`, kept under SCHEMA. */
const COLLECTION_SCHEMA: PropertyDescriptor = {
  get(this: { [SCHEMA]: unknown }): unknown {
    return this[SCHEMA];
  },
  set(this: { [SCHEMA]: unknown }, schema: unknown): void {
    this[SCHEMA] = schema;
  },
};

const SCALAR_PROTOTYPE = nodePrototype(Scalar, 'scalar', { range: LAZY_RANGE });
const PAIR_PROTOTYPE = nodePrototype(Pair, 'pair', {});
const MAP_PROTOTYPE = nodePrototype(YAMLMap, 'map', { range: LAZY_RANGE, schema: COLLECTION_SCHEMA });
const SEQ_PROTOTYPE = nodePrototype(YAMLSeq, 'seq', { range: LAZY_RANGE, schema: COLLECTION_SCHEMA });
/** An alias's `tag` setter throws, as the library's `Alias` constructor defines it on each alias. */
const ALIAS_PROTOTYPE = nodePrototype(Alias, 'alias', {
  range: LAZY_RANGE,
  tag: {
    set(): never {
      throw new Error('Alias nodes cannot have tags');
    },
  },
});

/** Makes a node of its prototype at [start, end) of the text, its node (with what trails it) ending at `nodeEnd`. */
type PlacedConstructor<T> = new (start: number, end: number, nodeEnd: number) => T & Placed;

/**
 * The constructor of nodes of `prototype`. Made by `new`, a node holds all its properties in itself: V8
 * sizes a constructor's objects to the properties they come to have, while `Object.create`'s get four
 * slots and a separate array for the rest (one more object per node, grown as a scalar gets its value,
 * source and type), which garbage collection copied while a large file was read.
 */
function placedConstructor<T extends object>(prototype: T): PlacedConstructor<T> {
  function PlacedNode(this: Placed, start: number, end: number, nodeEnd: number): void {
    this[START] = start;
    this[END] = end;
    this[NODE_END] = nodeEnd;
    this[RANGE] = undefined;
  }
  PlacedNode.prototype = prototype;
  return PlacedNode as unknown as PlacedConstructor<T>;
}

const NewScalar = placedConstructor(SCALAR_PROTOTYPE);
const NewMap = placedConstructor(MAP_PROTOTYPE);
const NewSeq = placedConstructor(SEQ_PROTOTYPE);
const NewAlias = placedConstructor(ALIAS_PROTOTYPE);

/** Moves where a node's trail ends (comments and blank lines it takes in, spaces in a flow collection). */
function setNodeEnd(node: Leaf | Collection, nodeEnd: number): void {
  const at = node as unknown as Placed;
  if (at[RANGE]) at[RANGE][2] = nodeEnd;
  else at[NODE_END] = nodeEnd;
}

/** Ends a collection: its text at `end`, what trails it at `nodeEnd`. */
function closeAt(node: Collection, end: number, nodeEnd: number): void {
  const at = node as unknown as Placed;
  at[END] = end;
  at[NODE_END] = nodeEnd;
  at[RANGE] = undefined;
}

/** Where a node's text ends (before what follows it on its line): the end of its value range. */
const textEnd = (node: Leaf | Collection): number => (node as unknown as Placed)[RANGE]?.[1] ?? (node as unknown as Placed)[END];

/** Where a node ends with what trails it: the end of its range. */
const nodeEnd = (node: Leaf | Collection): number => (node as unknown as Placed)[RANGE]?.[2] ?? (node as unknown as Placed)[NODE_END];

/** Pairs, made by `new` as nodes are (see placedConstructor): two slots each. */
function PairNode(this: Pair<unknown, unknown>, key: unknown, value: unknown): void {
  this.key = key;
  this.value = value;
}
PairNode.prototype = PAIR_PROTOTYPE;
const NewPair = PairNode as unknown as new (key: unknown, value: unknown) => Pair<unknown, unknown>;

const newPair = (key: unknown, value: unknown = null): Pair<unknown, unknown> => new NewPair(key, value);

/** The items of a collection until it closes (it is given its own then): never changed. */
const NO_ITEMS_YET: never[] = [];

/** An empty map or seq starting at `start`; its items and where it ends are given when it closes. */
function newCollection(seq: boolean, schema: Schema, start: number): Collection {
  const node = (seq ? new NewSeq(start, start, start) : new NewMap(start, start, start)) as Collection & Placed & { [SCHEMA]: Schema };
  node[SCHEMA] = schema;
  node.items = NO_ITEMS_YET;
  return node;
}

/** The node each alias of a document names (`Map` answers as much). */
export interface AliasTargets {
  get(alias: Alias): Node | undefined;
}

/** Where an alias read here keeps the node its anchor names. */
const TARGET = Symbol('target');

/** The targets of a document read here: each alias keeps its own (a field, not an entry of a map per alias). */
const READ_TARGETS: AliasTargets = { get: (alias) => (alias as Alias & { [TARGET]: Node | undefined })[TARGET] };

/**
 * The node each alias of a document names (the last before it carrying its anchor, as anchorTargets in
 * parse/yaml.ts finds it by walking the document, which then keeps its own answers here): the reader
 * meets every anchor and alias in that order and hands its answers over, so no walk is needed. Only
 * documents read here with an alias have one.
 */
export const aliasTargets = new WeakMap<Document, AliasTargets>();

/** Thrown (a single object: no stack to capture) when the text leaves the subset. */
const DECLINE = { declined: true };

/** The schema's default string tag, as the library keeps it (`identity.SCALAR`, a registered symbol). */
const SCALAR_TAG = Symbol.for('yaml.scalar');

interface ScalarTag {
  tag: string;
  collection?: string;
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

/** Characters that cannot start a plain scalar here (indicators the subset leaves to the library). */
const NOT_PLAIN_START = new Set('&*!|>%@`?:,[]{}#\'"-'.split('').map((c) => c.charCodeAt(0)));
/** Characters that may not follow the `-` or `:` a plain scalar inside a flow collection starts with (kept simple). */
const NOT_IN_FLOW_PLAIN = new Set(',[]{}:#\'"'.split('').map((c) => c.charCodeAt(0)));
/** The flow indicators: they end a plain scalar inside a flow collection. */
const FLOW_INDICATORS = new Set(',[]{}'.split('').map((c) => c.charCodeAt(0)));
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const PIPE = 124;
const CR = 13;
const BACKSLASH = 92;
const GREATER = 62;
const AMPERSAND = 38;
const ASTERISK = 42;
const EXCLAMATION = 33;
/** The characters of a tag's suffix read here (`!!str`): the library's lexer takes more, some of which it decodes. */
const TAG_SUFFIX = /[A-Za-z0-9-]/;
/** Characters that end an anchor's or an alias's name, as the library's lexer reads them. */
const NOT_IN_ANCHOR = new Set(' ,[]{}\n\r\t'.split('').map((c) => c.charCodeAt(0)));
/** The one-character escapes of double-quoted scalars, as the library decodes them (a tab after `\\` never gets here). */
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
/** A code of hex digits. */
const HEX = /^[0-9a-fA-F]+$/;
/** A line break in a quoted scalar (a lone `\r` never gets here). */
const LINE_BREAK = /\r?\n/;

function declined(): never {
  throw DECLINE;
}

/** The library's strict mode refuses implicit keys longer than this; the subset leaves long keys to it. */
const MAX_KEY_LENGTH = 1000;

/** An open block collection. */
interface Frame {
  node: Collection;
  indent: number;
  start: number;
  /** A seq written at its parent map's indent (`key:\n- a`): a key at that indent closes it. */
  compact: boolean;
  /** The last key (map) or `-` (seq) has no value yet. */
  awaiting: boolean;
  /** Where its value would be if it stays empty: after the indicator and its spaces. */
  emptyAt: number;
  /** A comment came after the indicator while awaiting: an empty value carries it in its range (emptyValueEnd). */
  commentWhileAwaiting: boolean;
  /** Comment lines came before this item's `-`: an empty item's range would take them in (left to the library). */
  commentBeforeItem: boolean;
  /**
   * For a map awaiting a value: where the line ends that follows the key's line or the last comment line
   * indented past the map (-1 before it comes), what the library's parser keeps for an empty value
   * before the map's next key, and whether a comment is among what it keeps.
   */
  keptTo: number;
  keptComment: boolean;
  pair?: Pair<unknown, unknown>;
  /** The anchor written before the awaited value (`key: &a`), for the collection opening below. */
  anchor?: string;
  /** Where its items start in the reader's stack of open items. */
  base: number;
}

/** A plain scalar's text as first read, its value and the tag that resolved it. */
interface ResolvedPlain {
  source: string;
  value: unknown;
  tag: ScalarTag;
}

/**
 * The characters a match of each test of the core schema's plain-scalar tags can start with, by the
 * test's source (the empty string, which null's matches, is not a character).
 */
const TEST_STARTS: Record<string, string> = {
  '^(?:~|[Nn]ull|NULL)?$': '~Nn',
  '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$': 'TtFf',
  '^0o[0-7]+$': '0',
  '^[-+]?[0-9]+$': '-+0123456789',
  '^0x[0-9a-fA-F]+$': '0',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$': '-+.',
  '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$': '-+.0123456789',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$': '-+.0123456789',
};

/**
 * The ASCII characters (1 by code) a plain scalar that some tag of `tags` resolves may start with, when
 * every test is one of TEST_STARTS': a scalar starting with another character is a string, without
 * asking each test (eight regular expressions for every distinct value). Undefined for other schemas.
 */
function taggedStarts(tags: readonly ScalarTag[]): Uint8Array | undefined {
  const starts = new Uint8Array(128);
  for (const t of tags) {
    if (!t.default || !t.test) continue;
    const chars = t.test.flags === '' ? TEST_STARTS[t.test.source] : undefined;
    if (chars === undefined) return undefined;
    for (let i = 0; i < chars.length; i++) starts[chars.charCodeAt(i)] = 1;
  }
  return starts;
}

/** Plain scalars up to this long are remembered (keys and common values repeat). */
const MAX_REMEMBERED_LENGTH = 64;
/** At most this many distinct plain scalars are remembered per memory. */
const MAX_REMEMBERED = 4096;

/**
 * Plain scalars read before, while remembering pays: once full, it is consulted only if
 * at least half the lookups found something (60,000 distinct ConfigMap values would each cost a miss).
 */
class RememberedPlains {
  private readonly byText = new Map<string, ResolvedPlain>();
  private lookups = 0;
  private hits = 0;

  get(text: string): ResolvedPlain | undefined {
    if (text.length > MAX_REMEMBERED_LENGTH || (this.byText.size >= MAX_REMEMBERED && 2 * this.hits < this.lookups)) return undefined;
    this.lookups++;
    const seen = this.byText.get(text);
    if (seen) this.hits++;
    return seen;
  }

  /** Remembers a plain scalar's reading; a value that is an object is each scalar's own, never shared. */
  add(source: string, value: unknown, tag: ScalarTag): void {
    if (source.length <= MAX_REMEMBERED_LENGTH && this.byText.size < MAX_REMEMBERED && (value === null || typeof value !== 'object')) this.byText.set(source, { source, value, tag });
  }
}

/**
 * Plain scalars read so far, as keys and as values: one string for every repeat of a key or a common
 * value, and no second round of the schema's tag tests for it. The documents of a stream share one
 * (`kind`, `metadata`, `name` start each of them); documents read with other options must not.
 */
export interface PlainMemory {
  keys: RememberedPlains;
  values: RememberedPlains;
}

export const newPlainMemory = (): PlainMemory => ({ keys: new RememberedPlains(), values: new RememberedPlains() });

/**
 * The document `text` (one document of a stream, as splitDocuments cuts it) read as the library would,
 * or undefined when it is outside the subset. `limit` is the nesting limit: deeper documents are left
 * to the library, which refuses them. `plains` may be shared by documents read with the same `options`.
 */
export function readBlockYaml(text: string, options: Options, limit: number, plains: PlainMemory = newPlainMemory()): Document.Parsed | undefined {
  // Duplicate keys are errors unless uniqueKeys is off; source tokens and string-keys checks are not built here.
  if (options.uniqueKeys !== false || options.keepSourceTokens || options.stringKeys) return undefined;
  if (text.charCodeAt(0) === 0xfeff || !crOnlyInLineBreaks(text)) return undefined;
  try {
    return new BlockReader(text, options, limit, plains).read();
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

class BlockReader {
  private readonly doc: Document.Parsed;
  private readonly tags: ScalarTag[];
  /** See taggedStarts. */
  private readonly taggedStarts: Uint8Array | undefined;
  private readonly stringTag: ScalarTag;
  private readonly frames: Frame[] = [];
  /**
   * The items of the open collections, innermost last: a collection gets its own array, of its exact
   * length, when it closes. Pushed into the collection's array, a handful of items would sit in a
   * backing store of 17 slots, and the live tree is what garbage collection copies.
   */
  private readonly openItems: unknown[] = [];
  private root: Collection | undefined;
  /** Whether the text has a tab: then where its block scalars start and end, pairs of offsets (see tabsOutsideBlockScalars). */
  private readonly hasTabs: boolean;
  private readonly blockScalarSpans: number[] = [];
  /** The value that ended the last content line: comments indented past its collection extend its range. */
  private absorber: Leaf | Collection | undefined;
  /** Where reading resumes after a block scalar (its lines are its own). */
  private resumeAt = 0;
  /** Comments since the last content line (not absorbed): the deepest one's indent, or -1. */
  private trailComment = -1;
  /** Whether the document has a comment. */
  private sawComment = false;
  /** Past the `:` of the key `key()` read last (a field, not an object per key). */
  private afterKey = 0;
  /** The tag written before the scalar being read, until that scalar takes it. */
  private tagName: string | undefined;
  /** In a flow collection: the end of the line being read. */
  private flowLineEnd = 0;
  /** In a flow collection: the indent of the block collection it is the value of. */
  private flowParentIndent = 0;
  /** The nodes named by the anchors read so far, the last of each name (made at the first anchor). */
  private anchors: Map<string, Node> | undefined;
  private sawAlias = false;
  /** The anchor of the value being read, until a flow collection takes it as it opens (`&a {<<: *a}`: the alias names the collection). */
  private anchorBeingRead: string | undefined;
  private readonly onError = (): never => {
    throw DECLINE;
  };

  constructor(
    private readonly text: string,
    options: Options,
    private readonly limit: number,
    private readonly plains: PlainMemory,
  ) {
    this.doc = new Document(undefined, options) as Document.Parsed;
    const schema = this.doc.schema as Schema & { [SCALAR_TAG]?: ScalarTag };
    const stringTag = schema[SCALAR_TAG];
    if (!stringTag) throw DECLINE;
    this.stringTag = stringTag;
    this.tags = schema.tags as unknown as ScalarTag[];
    this.taggedStarts = taggedStarts(this.tags);
    this.hasTabs = text.includes('\t');
  }

  read(): Document.Parsed {
    const { text } = this;
    let pos = 0;
    let docStart = false;
    let docOffset = -1;
    /** After `---` and its spaces: where the library puts the empty value of a document without content. */
    let afterMarker = 0;
    if (text.startsWith('---') && (text.length === 3 || text.charCodeAt(3) === SPACE || text.charCodeAt(3) === 10 || text.charCodeAt(3) === 13)) {
      docStart = true;
      const nl = lineEndOf(text, 3);
      this.expectLineEnd(3, nl);
      afterMarker = skipSpaces(text, 3, nl);
      if (afterMarker < nl) this.sawComment = true;
      pos = nextLine(text, nl);
    }
    /** The document end marker `...`, when it has one: where it is, and where its line ends. */
    let endMarker: { at: number; lineEnd: number } | undefined;
    while (pos < text.length) {
      const nl = lineEndOf(text, pos);
      let p = pos;
      while (p < nl && text.charCodeAt(p) === SPACE) p++;
      const next = nextLine(text, nl);
      if (p === pos && text.startsWith('...', p) && spaceOrEnd(text, p + 3, nl)) {
        endMarker = { at: p, lineEnd: this.documentEnd(p, nl) };
        break;
      }
      if (p === nl) this.trivia(false, 0, nl, next);
      else if (text.charCodeAt(p) === HASH) this.trivia(true, p - pos, nl, next);
      else {
        if (docOffset < 0) docOffset = p;
        this.content(pos, p, nl, next);
      }
      pos = Math.max(next, this.resumeAt);
    }
    // Lines after a key or `-` still waiting for its value belong to it, not to the document's end.
    const awaitingAtEnd = this.frames[this.frames.length - 1]?.awaiting === true;
    // An empty value or no content before `...`: ranges the library works out otherwise, left to it.
    if (endMarker && (awaitingAtEnd || !this.root)) throw DECLINE;
    this.closeTo(-1, endMarker?.at ?? text.length);
    if (this.hasTabs && tabsOutsideBlockScalars(text, this.blockScalarSpans)) throw DECLINE;
    if (!this.root) return this.withoutContent(docStart, afterMarker);
    this.doc.contents = this.root as Document.Parsed['contents'];
    const contentEnd = nodeEnd(this.root);
    this.doc.range = [docStart ? 0 : docOffset, contentEnd, endMarker ? endMarker.lineEnd : awaitingAtEnd ? contentEnd : text.length];
    if (docStart) this.doc.directives.docStart = true;
    if (this.sawAlias) aliasTargets.set(this.doc, READ_TARGETS);
    return this.doc;
  }

  /**
   * The end marker `...` at `at` (its line ending at `nl`): only a comment may follow it on its line, and
   * only comments and blank lines after it (more would be another document). Returns where its line ends, past the line break.
   */
  private documentEnd(at: number, nl: number): number {
    const { text } = this;
    this.expectLineEnd(at + 3, nl);
    const lineEnd = nextLine(text, nl);
    for (let pos = lineEnd; pos < text.length;) {
      const end = lineEndOf(text, pos);
      const p = skipSpaces(text, pos, end);
      if (p < end && text.charCodeAt(p) !== HASH) throw DECLINE;
      pos = nextLine(text, end);
    }
    return lineEnd;
  }

  /**
   * A document of comments and blank lines (a licence header before the first `---`, or what Helm
   * writes for a template that renders nothing: `---` and `# Source: ...`), as the library reads it:
   * no contents, or after `---` an empty value, both reaching to the end of the text.
   */
  private withoutContent(docStart: boolean, afterMarker: number): Document.Parsed {
    const end = this.text.length;
    if (docStart) {
      // With nothing after `---` but blank lines the library ends the value at the marker: left to it.
      if (!this.sawComment) throw DECLINE;
      this.doc.directives.docStart = true;
      this.doc.contents = this.scalar('', Scalar.PLAIN, afterMarker, afterMarker, end, false) as Document.Parsed['contents'];
    } else this.doc.contents = null;
    this.doc.range = [0, end, end];
    return this.doc;
  }

  // ------------------------------------------------------------------ layout

  /** A blank or comment line, ending at `nl`. */
  private trivia(comment: boolean, indent: number, nl: number, next: number): void {
    if (comment) this.sawComment = true;
    const top = this.frames[this.frames.length - 1];
    if (!top) return;
    if (top.awaiting) {
      top.commentWhileAwaiting ||= comment;
      if (comment && indent > top.indent) {
        top.keptTo = -1;
        top.keptComment = true;
      } else if (top.keptTo < 0) {
        top.keptTo = nl;
        top.keptComment ||= comment;
      }
      return;
    }
    if (!comment) return;
    // The library's parser appends a comment indented past the collection to the value before it
    // (blank lines between included), until a comment that is not.
    if (this.absorber && this.trailComment < 0 && indent > top.indent) {
      setNodeEnd(this.absorber, next);
      return;
    }
    this.trailComment = Math.max(this.trailComment, indent);
  }

  /** A content line: `lineStart` its first character, `p` its first non-space, `nl` its end. */
  private content(lineStart: number, p: number, nl: number, next: number): void {
    const { text } = this;
    const col = p - lineStart;
    if (col === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) throw DECLINE;
    const dash = isDash(text, p, nl);
    const commentBefore = this.trailComment >= 0;
    this.closeTo(col, p, dash);
    this.absorber = undefined;
    this.trailComment = -1;
    const top = this.frames[this.frames.length - 1];
    if (dash) {
      if (top && top.node instanceof YAMLSeq && top.indent === col && !top.awaiting) this.newItem(top);
      else this.openSeq(top, col, p);
      // The library lengthens an empty item's range by the comment lines before its `-`: left to it.
      if (commentBefore) this.frames[this.frames.length - 1].commentBeforeItem = true;
      this.itemRest(lineStart, p + 1, nl, next);
      return;
    }
    const key = this.key(p, nl);
    if (!key) {
      this.valueBelow(top, col, p, nl, next);
      return;
    }
    if (top && top.node instanceof YAMLMap && top.indent === col) {
      if (top.awaiting) this.fillEmpty(top, p, true);
      this.addPair(top, key, this.afterKey, nl, next);
    } else {
      const map = this.openMap(top, col, p);
      this.addPair(map, key, this.afterKey, nl, next);
    }
  }

  /**
   * A value on the line below its key or `-`, more indented (`resources:\n  {}`, as Helm renders an
   * empty default): read as it would be on the key's line. Not a block scalar (its indentation is
   * counted differently there), nor after a comment (the library's empty-value ranges take it in).
   */
  private valueBelow(top: Frame | undefined, col: number, p: number, nl: number, next: number): void {
    const c = this.text.charCodeAt(p);
    if (!top?.awaiting || col <= top.indent || top.commentWhileAwaiting || top.anchor !== undefined || c === PIPE || c === GREATER) throw DECLINE;
    top.awaiting = false;
    const value = this.value(p, nl, next);
    if (top.node instanceof YAMLMap) (top.pair as Pair<unknown, unknown>).value = value;
    else this.openItems.push(value);
  }

  /** What follows a `-` at `p`: nested `-`s, a map's first key, a value, or nothing yet. */
  private itemRest(lineStart: number, p: number, nl: number, next: number): void {
    const { text } = this;
    for (;;) {
      while (p < nl && text.charCodeAt(p) === SPACE) p++;
      const seq = this.frames[this.frames.length - 1];
      if (text.charCodeAt(p) === AMPERSAND && seq.anchor === undefined) {
        p = this.anchorAt(seq, p, nl);
        continue;
      }
      seq.emptyAt = p;
      if (p === nl) return; // awaiting a value on the lines below
      if (text.charCodeAt(p) === HASH) {
        seq.commentWhileAwaiting = true;
        return;
      }
      // `- &a - x` and `- &a k: v`: whether the anchor is the item's or its first key's is left to the library.
      if (isDash(text, p, nl)) {
        if (seq.anchor !== undefined) throw DECLINE;
        this.openSeq(seq, p - lineStart, p);
        p++;
        continue;
      }
      const c = text.charCodeAt(p);
      const key = seq.anchor === undefined && c !== ASTERISK && c !== EXCLAMATION ? this.key(p, nl) : undefined;
      if (key) {
        const map = this.openMap(seq, p - lineStart, p);
        this.addPair(map, key, this.afterKey, nl, next);
        return;
      }
      seq.awaiting = false;
      this.openItems.push(this.anchoredValue(seq, p, nl, next));
      return;
    }
  }

  /**
   * The anchor `&name` at `p`, before the value `frame` awaits: kept for that value (a scalar on this
   * line, or a collection opening below). Returns where the text after it starts.
   */
  private anchorAt(frame: Frame, p: number, nl: number): number {
    const end = this.nameEnd(p + 1, nl);
    if (!spaceOrEnd(this.text, end, nl)) throw DECLINE;
    frame.anchor = this.text.slice(p + 1, end);
    return end;
  }

  /**
   * The end of the anchor's or alias's name starting at `p`, as the library's lexer reads names. An empty
   * name (an error to the library) and one ending in `:` (a warning: `*a:` is ambiguous) are left to it.
   */
  private nameEnd(p: number, nl: number): number {
    const { text } = this;
    let end = p;
    while (end < nl && !NOT_IN_ANCHOR.has(text.charCodeAt(end))) end++;
    if (end === p || text.charCodeAt(end - 1) === COLON) throw DECLINE;
    return end;
  }

  /** The value at `p` that ends its line, with the anchor its frame kept for it, or the tag written before it. */
  private anchoredValue(frame: Frame, p: number, nl: number, next: number): Leaf | Collection {
    const { anchor } = frame;
    if (anchor === undefined) return this.text.charCodeAt(p) === EXCLAMATION ? this.taggedScalar(p, nl, next) : this.value(p, nl, next);
    frame.anchor = undefined;
    const c = this.text.charCodeAt(p);
    // An alias or a tag after an anchor, and anchored block scalars, are left to the library.
    if (c === ASTERISK || c === AMPERSAND || c === EXCLAMATION || c === PIPE || c === GREATER) throw DECLINE;
    this.anchorBeingRead = anchor;
    const value = this.value(p, nl, next);
    if (this.anchorBeingRead !== undefined) this.anchor(value, anchor);
    this.anchorBeingRead = undefined;
    return value;
  }

  /** Gives `node` the anchor `name`: the node aliases to that name read after it stand for. */
  private anchor(node: Leaf | Collection, name: string): void {
    node.anchor = name;
    (this.anchors ??= new Map()).set(name, node);
  }

  /**
   * A scalar after the tag at `p` (`!!str 1`, `!!int "8080"`), resolved by that tag as the library's
   * findScalarTagByName resolves it. Only `!!` tags of the schema are read, on a scalar on the tag's line:
   * other tags are unknown to the schema (a warning), and a tag on a collection or an empty value is left to the library.
   */
  private taggedScalar(p: number, nl: number, next: number): Leaf {
    const { text } = this;
    let end = p + 2;
    while (end < nl && TAG_SUFFIX.test(text[end])) end++;
    if (text.charCodeAt(p + 1) !== EXCLAMATION || end === p + 2 || text.charCodeAt(end) !== SPACE) throw DECLINE;
    const at = skipSpaces(text, end, nl);
    const c = text.charCodeAt(at);
    if (at === nl || c === 91 || c === 123 || c === ASTERISK || c === AMPERSAND || c === EXCLAMATION || c === HASH) throw DECLINE;
    this.tagName = this.doc.directives.tagName(text.slice(p, end), this.onError) ?? declined();
    const value = this.value(at, nl, next) as Scalar;
    if (this.tagName !== undefined) throw DECLINE; // not a scalar
    return value;
  }

  /** A pair whose key ends before `after` (past the `:`). */
  private addPair(frame: Frame, key: Scalar, after: number, nl: number, next: number): void {
    const { text } = this;
    const pair = newPair(key);
    this.openItems.push(pair);
    frame.pair = pair;
    let p = skipSpaces(text, after, nl);
    frame.anchor = undefined;
    if (text.charCodeAt(p) === AMPERSAND) p = skipSpaces(text, this.anchorAt(frame, p, nl), nl);
    frame.emptyAt = p;
    frame.awaiting = true;
    frame.commentWhileAwaiting = false;
    frame.keptTo = -1;
    frame.keptComment = false;
    if (p === nl) return;
    if (text.charCodeAt(p) === HASH) {
      // Which node a comment after an anchor belongs to is left to the library.
      if (frame.anchor !== undefined) throw DECLINE;
      frame.commentWhileAwaiting = true;
      frame.keptComment = true;
      return;
    }
    frame.awaiting = false;
    pair.value = this.anchoredValue(frame, p, nl, next);
  }

  private newItem(seq: Frame): void {
    seq.awaiting = true;
    seq.commentWhileAwaiting = false;
    seq.commentBeforeItem = false;
    seq.anchor = undefined;
  }

  /** Opens a block seq at column `col` (its `-` at `p`) as the value awaited by `parent`, or as the root. */
  private openSeq(parent: Frame | undefined, col: number, p: number): void {
    const compact = parent !== undefined && parent.node instanceof YAMLMap && parent.indent === col;
    if (parent ? !parent.awaiting || (col <= parent.indent && !compact) : this.root !== undefined || col !== 0) throw DECLINE;
    const frame = this.open(newCollection(true, this.doc.schema, p), parent, col, p, compact);
    this.newItem(frame);
  }

  private openMap(parent: Frame | undefined, col: number, p: number): Frame {
    if (parent ? !parent.awaiting || col <= parent.indent : this.root !== undefined || col !== 0) throw DECLINE;
    return this.open(newCollection(false, this.doc.schema, p), parent, col, p, false);
  }

  private open(node: Collection, parent: Frame | undefined, indent: number, start: number, compact: boolean): Frame {
    if (this.frames.length + 1 >= this.limit) throw DECLINE; // the library refuses it (TooDeep)
    if (parent) {
      parent.awaiting = false;
      if (parent.anchor !== undefined) this.anchor(node, parent.anchor);
      parent.anchor = undefined;
      if (parent.node instanceof YAMLMap) (parent.pair as Pair<unknown, unknown>).value = node;
      else this.openItems.push(node);
    } else this.root = node;
    const frame: Frame = {
      node,
      indent,
      start,
      compact,
      awaiting: false,
      emptyAt: start,
      commentWhileAwaiting: false,
      commentBeforeItem: false,
      keptTo: -1,
      keptComment: false,
      pair: undefined,
      base: this.openItems.length,
    };
    this.frames.push(frame);
    return frame;
  }

  /**
   * The null scalar of a key or `-` with nothing after it, ended by the line whose first character is at
   * `p` (the text's end or `...` at the document's end): `nextItem` when it is the map's next key.
   */
  private fillEmpty(frame: Frame, p: number, nextItem: boolean): void {
    if (frame.commentBeforeItem) throw DECLINE;
    const at = frame.emptyAt;
    const node = this.scalar('', Scalar.PLAIN, at, at, this.emptyValueEnd(frame, p, nextItem), false);
    if (frame.anchor !== undefined) this.anchor(node, frame.anchor);
    frame.anchor = undefined;
    if (frame.node instanceof YAMLMap) (frame.pair as Pair<unknown, unknown>).value = node;
    else this.openItems.push(node);
    frame.awaiting = false;
  }

  /**
   * Where an empty value's range ends, as the library's composeEmptyNode ends it: past the comments,
   * blank lines and indentation its parser gave it, if a comment is among them, else where it starts.
   * The parser gives it what comes after its indicator up to the line that ends it (`p`), but at the
   * next key of the same map only up to the line after the last comment indented past the map (resolveBlockMap's
   * "newline-separated not indented" tokens go to the next key), without that line's break.
   */
  private emptyValueEnd(frame: Frame, p: number, nextItem: boolean): number {
    if (!frame.commentWhileAwaiting) return frame.emptyAt;
    if (!nextItem || frame.keptTo < 0) return p;
    return frame.keptComment ? frame.keptTo : frame.emptyAt;
  }

  /**
   * Closes the collections a line at column `col` (its first character at `p`) is outside of; at the
   * end of the text, `col` is -1. Comments left since the last value stay with the innermost collection
   * they are not less indented than (its range then ends at `p`), as the library's parser keeps them.
   */
  private closeTo(col: number, p: number, dash = false): void {
    const { frames } = this;
    for (;;) {
      const top = frames[frames.length - 1];
      if (!top) return;
      if (top.awaiting) {
        // A deeper line holds its value, and so does a `-` at a map's own indent (`key:\n- a`).
        if (col > top.indent || (col === top.indent && dash && top.node instanceof YAMLMap)) return;
        this.fillEmpty(top, p, col === top.indent && top.node instanceof YAMLMap);
      }
      if (col > top.indent || (col === top.indent && !(top.compact && !dash))) return;
      frames.pop();
      const { openItems } = this;
      const last = openItems[openItems.length - 1] as Leaf | Collection | Pair<unknown, Leaf | Collection>;
      top.node.items = openItems.slice(top.base) as typeof top.node.items;
      openItems.length = top.base;
      const end = nodeEnd((last instanceof Pair ? last.value : last) as Leaf | Collection);
      let end2 = end;
      if (this.trailComment >= top.indent && top.indent > 0) {
        end2 = p;
        this.trailComment = -1;
      }
      closeAt(top.node, end, end2);
    }
  }

  // ------------------------------------------------------------------ tokens

  /** A `key:` at `p` (plain or quoted, on one line): its node (`afterKey` then past its `:`), or undefined. */
  private key(p: number, nl: number): Scalar | undefined {
    const { text } = this;
    const c = text.charCodeAt(p);
    if ((c === SINGLE_QUOTE || c === DOUBLE_QUOTE) && !closesOnLine(text, p, nl)) return undefined; // a value on lines below
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const q = this.quoted(p, nl, true);
      const end = textEnd(q);
      if (text.charCodeAt(end) !== COLON || !spaceOrEnd(text, end + 1, nl)) return undefined;
      this.afterKey = end + 1;
      return q;
    }
    // A flow collection or block scalar: a value (a flow key is refused when the line's end is checked).
    if (c === 91 || c === 123 || c === PIPE || c === GREATER) return undefined;
    if (!this.plainStart(p, nl, false)) throw DECLINE;
    let colon = -1;
    for (let i = p; i < nl; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && spaceOrEnd(text, i + 1, nl)) {
        colon = i;
        break;
      }
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
    }
    if (colon < 0) return undefined;
    if (colon - p > MAX_KEY_LENGTH) throw DECLINE;
    let end = colon;
    while (text.charCodeAt(end - 1) === SPACE) end--; // `key :`
    this.afterKey = colon + 1;
    return this.scalar(text.slice(p, end), Scalar.PLAIN, p, end, end, true);
  }

  /** A value at `p` that ends its line: a scalar or a one-line flow collection of scalars. */
  private value(p: number, nl: number, next: number): Leaf | Collection {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === PIPE || c === GREATER) return this.blockScalar(p, nl);
    const value = c === ASTERISK ? this.alias(p, nl, next) : this.flowOrScalar(p, nl, next);
    this.absorber = value;
    return value;
  }

  /** An alias `*name` at `p`, its range ending at `end` (where the line's text ends in a block, past the spaces after it in a flow collection). */
  private alias(p: number, nl: number, next: number | undefined): Alias {
    const { text } = this;
    const end = this.nameEnd(p + 1, nl);
    if (next !== undefined) this.expectLineEnd(end, nl);
    const alias = new NewAlias(p, end, next ?? end) as Alias & Placed & { [TARGET]: Node | undefined };
    const name = text.slice(p + 1, end);
    alias.source = name;
    alias[TARGET] = this.anchors?.get(name);
    this.sawAlias = true;
    return alias;
  }

  private flowOrScalar(p: number, nl: number, next: number): Scalar | Collection {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === 91 || c === 123) return this.flow(p, nl); // [ {
    if ((c === SINGLE_QUOTE || c === DOUBLE_QUOTE) && !closesOnLine(text, p, nl)) return this.quotedLines(p, nl);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const q = this.quoted(p, nl, false);
      this.expectLineEnd(textEnd(q), nl);
      setNodeEnd(q, next);
      return q;
    }
    if (!this.plainStart(p, nl, false)) throw DECLINE;
    const end = this.plainLineEnd(p, nl);
    const first = text.slice(p, end);
    // Without a comment, more indented lines below continue it.
    if (skipSpaces(text, end, nl) === nl) return this.continued(first, p, end, next);
    return this.scalar(first, Scalar.PLAIN, p, end, next, false);
  }

  /** The end of a plain scalar's text on its line (before a comment and trailing spaces). */
  private plainLineEnd(p: number, nl: number): number {
    const { text } = this;
    let end = nl;
    for (let i = p; i < nl; i++) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      // `a: b: c` and `a: b:` are errors (and on a continuation line, a multi-line key); the library reports them.
      if (ch === COLON && spaceOrEnd(text, i + 1, nl)) throw DECLINE;
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /**
   * A plain scalar starting with `first` (at `p`, ending at `end`), continued on the lines below that
   * are more indented than its collection, folded as the library folds them: a line break is a space,
   * blank lines are line breaks. A continuation line may start with any character but `#` (`- x`, `[x]`,
   * `*x` and quotes are text there); a comment or a less indented line ends it.
   */
  private continued(first: string, p: number, end: number, next: number): Scalar {
    const { text } = this;
    const parentIndent = this.frames[this.frames.length - 1].indent;
    let value = first;
    let blank = 0;
    let pos = next;
    while (pos < text.length) {
      const lineEnd = lineEndOf(text, pos);
      const q = skipSpaces(text, pos, lineEnd);
      if (q === lineEnd) {
        blank++;
        pos = nextLine(text, lineEnd);
        continue;
      }
      if (q - pos <= parentIndent || text.charCodeAt(q) === HASH) break;
      const lineTextEnd = this.plainLineEnd(q, lineEnd);
      value += (blank > 0 ? '\n'.repeat(blank) : ' ') + text.slice(q, lineTextEnd);
      blank = 0;
      end = lineTextEnd;
      next = nextLine(text, lineEnd);
      pos = next;
      if (skipSpaces(text, lineTextEnd, lineEnd) !== lineEnd) break; // a comment ends it (and its line is the scalar's)
    }
    this.resumeAt = next;
    return this.scalar(value, Scalar.PLAIN, p, end, next, false);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, with `-` or `+` chomping and a comment after its header,
   * its lines as the library's lexer takes them (parseBlockScalar: the first line that is not blank sets
   * the indentation, blank lines after the content are its own while they hold as many spaces) and its
   * value as resolveBlockScalar builds it. An indentation indicator, more-indented blank lines before the
   * content, and a line less indented than the content but more than the collection are left to the library.
   */
  private blockScalar(p: number, nl: number): Scalar {
    const { text } = this;
    const folded = text.charCodeAt(p) === GREATER;
    const chomp = text[p + 1] === '-' || text[p + 1] === '+' ? text[p + 1] : '';
    const afterHeader = p + 1 + chomp.length;
    this.expectLineEnd(afterHeader, nl);
    const bodyStart = nextLine(text, nl);
    if (bodyStart >= text.length) throw DECLINE;
    const parentIndent = this.frames[this.frames.length - 1].indent;
    const end = Math.min(blockScalarEnd(text, bodyStart, parentIndent + 1, chomp === '+') + 1, text.length);
    // The first line after it that is not blank: less indented than its content but more than its collection is an error.
    for (let pos = end; pos < text.length;) {
      const lineEnd = lineEndOf(text, pos);
      const first = skipSpaces(text, pos, lineEnd);
      if (first < lineEnd) {
        if (first - pos > parentIndent) throw DECLINE;
        break;
      }
      pos = nextLine(text, lineEnd);
    }
    this.resumeAt = end;
    if (this.hasTabs) this.blockScalarSpans.push(bodyStart, end);
    const value = bodyStart === end ? '' : blockScalarValue(text, bodyStart, end, folded, chomp); // no lines at all (kept chomping, the next line less indented)
    return this.scalar(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, p, end, end, false);
  }

  /**
   * `[a, "b"]` or `{a: [b]}`, ending its last line. Its items and pairs are each on one line; the lines
   * after its first are more indented than the collection it is the value of, as the library's lexer
   * wants them, but for a closing bracket at that collection's indent (`args: [\n    a,\n  ]`).
   */
  private flow(p: number, nl: number): Collection {
    const { text } = this;
    this.flowLineEnd = nl;
    this.flowParentIndent = this.frames[this.frames.length - 1].indent;
    const node = this.flowCollection(p, this.frames.length + 1);
    const end = textEnd(node);
    this.expectLineEnd(end, this.flowLineEnd);
    const after = nextLine(text, this.flowLineEnd);
    this.resumeAt = after;
    setNodeEnd(node, after);
    return node;
  }

  /**
   * A flow collection at `p`, `depth` levels deep (deeper than the nesting limit is left to the library,
   * which refuses it), its range ending past its closing bracket. A seq item's range ends where the comma or
   * bracket after it is, over spaces, line breaks and comments; a trailing comma is allowed.
   */
  private flowCollection(p: number, depth: number): Collection {
    if (depth + 1 >= this.limit) throw DECLINE;
    const { text } = this;
    const isSeq = text.charCodeAt(p) === 91;
    const close = isSeq ? 93 : 125;
    // Only the outermost collection's closing bracket may be at its parent's indent.
    const closeAtParentIndent = depth === this.frames.length + 1 ? close : -1;
    const node = newCollection(isSeq, this.doc.schema, p);
    node.flow = true;
    if (this.anchorBeingRead !== undefined) {
      this.anchor(node, this.anchorBeingRead);
      this.anchorBeingRead = undefined;
    }
    const { openItems } = this;
    const base = openItems.length;
    let i = this.flowGap(p + 1, closeAtParentIndent);
    while (text.charCodeAt(i) !== close) {
      const nl = this.flowLineEnd;
      const item = isSeq ? this.flowItem(i, nl, depth) : this.flowScalar(i, nl, true);
      let j = textEnd(item);
      if (isSeq) {
        j = this.flowGap(j, closeAtParentIndent);
        setNodeEnd(item, j);
        openItems.push(item);
      } else {
        if (text.charCodeAt(j) !== COLON || text.charCodeAt(j + 1) !== SPACE) throw DECLINE;
        const value = this.flowItem(skipSpaces(text, j + 1, nl), nl, depth);
        const valueLineEnd = this.flowLineEnd;
        j = this.flowGap(textEnd(value), closeAtParentIndent);
        // A pair's value ends at the line break after it, if one comes before the comma or bracket (the library's parser ends it so).
        setNodeEnd(value, this.flowLineEnd === valueLineEnd ? j : nextLine(text, valueLineEnd));
        openItems.push(newPair(item, value));
      }
      const d = text.charCodeAt(j);
      if (d === close) {
        i = j;
        break;
      }
      if (d !== 44) throw DECLINE; // ,
      i = this.flowGap(j + 1, closeAtParentIndent);
    }
    node.items = openItems.slice(base) as typeof node.items;
    openItems.length = base;
    closeAt(node, i + 1, i + 1);
    return node;
  }

  /**
   * Past the spaces, comments and line breaks from `p` inside a flow collection: its next token, on the
   * line ending at `flowLineEnd`. A line less indented than the lexer wants (or a comment line so) is left to the
   * library; `closeAtParentIndent` is the bracket that may be at the parent's indent, or -1.
   */
  private flowGap(p: number, closeAtParentIndent: number): number {
    const { text } = this;
    for (;;) {
      p = skipSpaces(text, p, this.flowLineEnd);
      if (p < this.flowLineEnd && (text.charCodeAt(p) !== HASH || text.charCodeAt(p - 1) !== SPACE)) return p;
      if (this.flowLineEnd >= text.length) throw DECLINE; // never closed
      const lineStart = nextLine(text, this.flowLineEnd);
      this.flowLineEnd = lineEndOf(text, lineStart);
      p = skipSpaces(text, lineStart, this.flowLineEnd);
      const indent = p - lineStart;
      if (p < this.flowLineEnd && indent <= this.flowParentIndent && !(indent === this.flowParentIndent && text.charCodeAt(p) === closeAtParentIndent)) throw DECLINE;
    }
  }

  /** A value inside a flow collection `depth` levels deep: a scalar, an alias or a flow collection. */
  private flowItem(p: number, nl: number, depth: number): Leaf | Collection {
    const c = this.text.charCodeAt(p);
    return c === 91 || c === 123 ? this.flowCollection(p, depth + 1) : this.flowScalar(p, nl, false);
  }

  /**
   * A plain or quoted scalar (or, not as a key, an alias) inside a flow collection, its range ending where
   * its text does. A plain one ends, as the library's lexer ends it, at a flow indicator, at a `:` followed
   * by a space, a flow indicator or the line's end, and at a `#` after a space (`[http://a:1, a#b]` are two).
   */
  private flowScalar(p: number, nl: number, atKey: boolean): Leaf {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) return this.quoted(p, nl, atKey);
    if (c === ASTERISK && !atKey) return this.alias(p, nl, undefined);
    if (!this.plainStart(p, nl, true)) throw DECLINE;
    let end = p;
    for (; end < nl; end++) {
      const ch = text.charCodeAt(end);
      if (FLOW_INDICATORS.has(ch) || (ch === HASH && text.charCodeAt(end - 1) === SPACE)) break;
      if (ch === COLON && (end + 1 === nl || text.charCodeAt(end + 1) === SPACE || FLOW_INDICATORS.has(text.charCodeAt(end + 1)))) break;
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    return this.scalar(text.slice(p, end), Scalar.PLAIN, p, end, end, atKey);
  }

  /** Whether a plain scalar may start at `p`: not at an indicator, but `-x` and `:x` (`host: ::1`) are plain. */
  private plainStart(p: number, nl: number, inFlow: boolean): boolean {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (p >= nl) return false;
    if (c !== DASH && c !== COLON) return !NOT_PLAIN_START.has(c);
    const d = text.charCodeAt(p + 1);
    return p + 1 < nl && d !== SPACE && !(inFlow && NOT_IN_FLOW_PLAIN.has(d));
  }

  /** A one-line quoted scalar at `p`, its range ending past its closing quote. */
  private quoted(p: number, nl: number, atKey: boolean): Scalar {
    const { text } = this;
    const close = closingQuote(text, p, nl);
    if (close < 0) throw DECLINE;
    const end = close + 1;
    if (text.charCodeAt(p) === SINGLE_QUOTE) return this.scalar(text.slice(p + 1, close).replaceAll("''", "'"), Scalar.QUOTE_SINGLE, p, end, end, atKey);
    const raw = text.slice(p + 1, close);
    return this.scalar(raw.includes('\\') ? doubleQuotedValue(text.slice(p, end)) : raw, Scalar.QUOTE_DOUBLE, p, end, end, atKey);
  }

  /**
   * A quoted value whose closing quote is on a later line, each line up to it more indented than its
   * collection (or blank), folded as the library folds it: a line break is a space, blank lines are line
   * breaks, spaces around line breaks dropped (and in double quotes, an escaped line break is nothing).
   */
  private quotedLines(p: number, nl: number): Scalar {
    const { text } = this;
    const close = closingQuote(text, p, text.length);
    if (close < 0 || (this.hasTabs && text.lastIndexOf('\t', close) > p)) throw DECLINE; // never closed, or a comment line's tab inside it
    const parentIndent = this.frames[this.frames.length - 1].indent;
    let lineEnd = nl;
    do {
      const pos = nextLine(text, lineEnd);
      lineEnd = lineEndOf(text, pos);
      const first = skipSpaces(text, pos, lineEnd);
      if (first < lineEnd && first - pos <= parentIndent) throw DECLINE; // an error in the library
    } while (lineEnd < close);
    this.expectLineEnd(close + 1, lineEnd);
    const next = nextLine(text, lineEnd);
    this.resumeAt = next;
    if (text.charCodeAt(p) === DOUBLE_QUOTE) return this.scalar(doubleQuotedValue(text.slice(p, close + 1)), Scalar.QUOTE_DOUBLE, p, close + 1, next, false);
    const value = unfoldQuotedLines(text.slice(p + 1, close).split(LINE_BREAK)).replaceAll("''", "'");
    return this.scalar(value, Scalar.QUOTE_SINGLE, p, close + 1, next, false);
  }

  /** After a value only spaces and a comment may follow on its line. */
  private expectLineEnd(p: number, nl: number): void {
    const { text } = this;
    if (p < nl && text.charCodeAt(p) !== SPACE) throw DECLINE;
    const q = skipSpaces(text, p, nl);
    if (q < nl && text.charCodeAt(q) !== HASH) throw DECLINE;
  }

  /**
   * A scalar as the library's composeScalar builds it: a plain one resolved by the first of the
   * schema's default tags whose test matches (keys also by `default: 'key'` tags), quoted ones as strings.
   */
  private scalar(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number, atKey: boolean): Scalar {
    const { tagName } = this;
    this.tagName = undefined;
    let tag = tagName === undefined ? this.stringTag : this.namedTag(tagName, value);
    let resolved: unknown;
    const known = type === Scalar.PLAIN && tagName === undefined ? (atKey ? this.plains.keys : this.plains.values) : undefined;
    const seen = known?.get(value);
    if (seen) ({ tag, value: resolved, source: value } = seen);
    else {
      if (known) tag = this.plainTag(value, atKey);
      resolved = tag.resolve(value, this.onError, this.doc.options);
      // Nulls and booleans resolve to a Scalar of the library's holding only its value: the value is remembered.
      if (isScalar(resolved) && holdsOnlyValue(resolved)) resolved = resolved.value;
      known?.add(value, resolved, tag);
    }
    const node = new NewScalar(start, end, nodeEnd);
    // A float resolves to a Scalar with more (minFractionDigits): its own properties are copied onto ours.
    if (isScalar(resolved)) Object.assign(node, resolved);
    else node.value = resolved;
    node.source = value;
    node.type = type;
    if (tagName !== undefined) node.tag = tagName;
    if (tag.format) node.format = tag.format;
    return node;
  }

  /**
   * The schema's scalar tag named `name` for `value`, as the library's findScalarTagByName finds it: one
   * without a test, else the first whose test matches. Without either the library falls back on a tag it
   * adds to the schema, or warns: left to it.
   */
  private namedTag(name: string, value: string): ScalarTag {
    const named = this.tags.filter((t) => !t.collection && t.tag === name);
    return named.find((t) => !(t.default && t.test)) ?? named.find((t) => t.test?.test(value)) ?? declined();
  }

  /** The first of the schema's default tags whose test matches a plain scalar (keys also by `default: 'key'` tags). */
  private plainTag(value: string, atKey: boolean): ScalarTag {
    const first = value.charCodeAt(0);
    if (this.taggedStarts !== undefined && value !== '' && !(first < 128 && this.taggedStarts[first] === 1)) return this.stringTag;
    for (const t of this.tags) if ((t.default === true || (atKey && t.default === 'key')) && t.test?.test(value)) return t;
    return this.stringTag;
  }
}

/** Whether a Scalar has no own enumerable property but its value. */
function holdsOnlyValue(scalar: Scalar): boolean {
  for (const key in scalar) if (key !== 'value') return false;
  return true;
}

/**
 * The quote closing the scalar whose quote opens at `open`, searched up to `limit`, or -1: as the library's
 * lexer finds it, a single quote that is not two (`''` is one inside), a double quote not escaped.
 */
function closingQuote(text: string, open: number, limit: number): number {
  const quote = text[open];
  for (let q = text.indexOf(quote, open + 1); q >= 0 && q < limit; q = text.indexOf(quote, q + 1)) {
    if (quote === "'") {
      if (text.charCodeAt(q + 1) !== SINGLE_QUOTE) return q;
      q++;
    } else {
      let backslashes = 0;
      while (text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return q;
    }
  }
  return -1;
}

/** Whether the quoted scalar opening at `open` closes before `nl`. */
function closesOnLine(text: string, open: number, nl: number): boolean {
  return closingQuote(text, open, nl) >= 0;
}

/**
 * A double-quoted scalar's `source` (quotes included) decoded as the library's doubleQuotedValue decodes
 * it: escapes, spaces before a line break dropped, a line break folded (a space, or one line break less
 * than there are), an escaped one dropped with the next line's indentation. What the library reports
 * as an error (an unknown escape, a code that is no character) is left to it.
 */
function doubleQuotedValue(source: string): string {
  let value = '';
  for (let i = 1; i < source.length - 1; i++) {
    const ch = source[i];
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      let fold = '';
      for (let c = source[i + 1]; c === ' ' || c === '\n' || c === '\r'; c = source[++i + 1]) if (c === '\n') fold += '\n';
      value += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i];
      const escaped = DOUBLE_QUOTE_ESCAPES[next];
      if (escaped !== undefined) value += escaped;
      else if (next === '\n' || next === '\r') {
        // An escaped line break: nothing, and the next line's indentation dropped.
        if (next === '\r') i++;
        while (source[i + 1] === ' ') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const code = source.substr(i + 1, length);
        if (code.length < length || !HEX.test(code) || parseInt(code, 16) > 0x10ffff) throw DECLINE;
        value += String.fromCodePoint(parseInt(code, 16));
        i += length;
      } else throw DECLINE;
    } else if (ch === ' ') {
      // Spaces before a line break are dropped.
      const from = i;
      while (source[i + 1] === ' ') i++;
      if (source[i + 1] !== '\n' && !(source[i + 1] === '\r' && source[i + 2] === '\n')) value += source.slice(from, i + 1);
    } else value += ch;
  }
  return value;
}

/** The lines of a quoted scalar folded as the library's unfoldLines folds them. */
function unfoldQuotedLines(lines: string[]): string {
  let value = trimSpaces(lines[0], false, true);
  let separator = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const line = trimSpaces(lines[i], true, true);
    if (line === '') {
      if (separator === '\n') value += separator;
      else separator = '\n';
    } else {
      value += separator + line;
      separator = ' ';
    }
  }
  return value + separator + trimSpaces(lines[lines.length - 1], true, false);
}

function trimSpaces(line: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = line.length;
  while (start && from < to && line.charCodeAt(from) === SPACE) from++;
  while (end && to > from && line.charCodeAt(to - 1) === SPACE) to--;
  return line.slice(from, to);
}

/**
 * Where a block scalar whose lines start at `bodyStart` ends, as the library's lexer ends it
 * (parseBlockScalar): the line break ending its last line, or the end of the text. Its first line that
 * is not blank sets its indentation if at least `indentNext`; lines after it belong to it while blank or
 * as indented; unless kept (`+`), blank lines at its end holding fewer spaces than that line's indentation are not its own.
 */
function blockScalarEnd(text: string, bodyStart: number, indentNext: number, keep: boolean): number {
  let nl = bodyStart - 1;
  let indent = 0;
  for (let i = bodyStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) indent++;
    else if (c === 10) {
      nl = i;
      indent = 0;
    } else if (c !== CR) break;
  }
  if (indent >= indentNext) {
    do {
      const next = continuedAt(text, nl + 1, indent);
      if (next < 0) break;
      nl = text.indexOf('\n', next);
    } while (nl >= 0);
    if (nl < 0) nl = text.length;
  }
  if (keep) return nl;
  for (;;) {
    let i = nl - 1;
    if (text.charCodeAt(i) === CR) i--;
    const lastChar = i;
    while (text.charCodeAt(i) === SPACE) i--;
    if (text.charCodeAt(i) === 10 && i >= bodyStart && i + 1 + indent > lastChar) nl = i;
    else return nl;
  }
}

/** Whether the line at `offset` continues a block scalar indented `indent` (the lexer's continueScalar): where its text starts, or -1. */
function continuedAt(text: string, offset: number, indent: number): number {
  let spaces = 0;
  while (spaces < indent && text.charCodeAt(offset + spaces) === SPACE) spaces++;
  if (spaces === indent) return offset + spaces;
  const c = text.charCodeAt(offset + spaces);
  if (c === CR && text.charCodeAt(offset + spaces + 1) === 10) return offset + spaces + 1;
  return c === 10 ? offset + spaces : -1;
}

/**
 * A block scalar's value from its lines (`text` from `from` to `to`, as the lexer cut them), as the
 * library's resolveBlockScalar builds it without an indentation indicator: it splits them at each `\n`
 * into indentation (the leading spaces) and content (a CRLF's `\r` included, dropped from the value).
 * What it reports as an error is left to it.
 */
function blockScalarValue(text: string, from: number, to: number, folded: boolean, chomp: string): string {
  // The first line with content and its indentation; the blank lines before it: how many, and their most spaces.
  let contentStart = from;
  let leadingLines = 0;
  let leadingSpaces = 0;
  let trimIndent = 0;
  for (;;) {
    let end = text.indexOf('\n', contentStart);
    const last = end < 0 || end >= to;
    if (last) end = to;
    const lineEnd = text.charCodeAt(end - 1) === CR && end > contentStart ? end - 1 : end;
    trimIndent = skipSpaces(text, contentStart, lineEnd) - contentStart;
    if (contentStart + trimIndent < lineEnd) break;
    leadingLines++;
    leadingSpaces = Math.max(leadingSpaces, trimIndent);
    if (last) return chomp === '+' ? '\n'.repeat(Math.max(1, leadingLines - 1)) : '';
    contentStart = end + 1;
  }
  // More-indented blank lines before the content want an indentation indicator (an error).
  if (leadingSpaces > trimIndent) throw DECLINE;
  // Where the last line ends (before its `\r`) that is content or, after the content, blank and more
  // indented than it; the blank lines after it are chomped.
  let keptEnd = to;
  for (let end = to; ;) {
    const start = Math.max(from, text.lastIndexOf('\n', end - 1) + 1);
    keptEnd = text.charCodeAt(end - 1) === CR && end > start ? end - 1 : end;
    const indent = skipSpaces(text, start, keptEnd) - start;
    if (start + indent < keptEnd || indent > trimIndent) break;
    end = start - 1;
  }
  // A literal one's lines are joined once (a flat string: concatenation would keep a tree of pieces in the parse).
  const literal: string[] = [];
  if (!folded) for (let i = 0; i < leadingLines; i++) literal.push('');
  let value = folded ? '\n'.repeat(leadingLines) : '';
  let separator = '';
  let previousMoreIndented = false;
  for (let start = contentStart; ;) {
    let end = text.indexOf('\n', start);
    const last = end < 0 || end >= keptEnd;
    if (last) end = keptEnd;
    const lineEnd = !last && text.charCodeAt(end - 1) === CR && end > start ? end - 1 : end;
    // The lexer took only lines indented as much as the first, or blank (spaces): past that indentation is the line.
    const cut = Math.min(start + trimIndent, lineEnd);
    const line = text.slice(cut, lineEnd);
    if (!folded) literal.push(line);
    else if (line.charCodeAt(0) === SPACE || line.charCodeAt(0) === TAB) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + line;
      separator = '\n';
      previousMoreIndented = true;
    } else if (line === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + line;
      separator = ' ';
      previousMoreIndented = false;
    }
    if (last) break;
    start = end + 1;
  }
  if (chomp === '+' && keptEnd < to) {
    // Kept chomping keeps the blank lines after, with their spaces past the content's indentation.
    for (let start = nextLine(text, keptEnd); ;) {
      let end = text.indexOf('\n', start);
      const last = end < 0 || end >= to;
      if (last) end = to;
      const spaces = ' '.repeat(Math.max(0, skipSpaces(text, start, end) - start - trimIndent));
      if (folded) value += '\n' + spaces;
      else literal.push(spaces);
      if (last) break;
      start = end + 1;
    }
  }
  if (!folded) {
    // Each piece after the first is a line break and a line.
    if (chomp === '' || (chomp === '+' && literal[literal.length - 1] !== '')) literal.push('');
    return literal.join('\n');
  }
  if (chomp === '' || (chomp === '+' && !value.endsWith('\n'))) value += '\n';
  return value;
}

/** The end of the line at `from`: its line break (`\n`, or the `\r` of `\r\n`), or the end of the text. */
function lineEndOf(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  if (nl < 0) return text.length;
  return text.charCodeAt(nl - 1) === CR && nl > from ? nl - 1 : nl;
}

/** The start of the line after the one ending at `lineEnd` (past its line break). */
function nextLine(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === CR ? lineEnd + 2 : lineEnd + 1;
}

/**
 * Whether a tab is outside the block scalars (`spans`: where each starts and ends, in order) and outside
 * comment lines (after their `#`: shell output pasted into a comment). The reader takes a tab for any
 * other character, which is what block scalars keep (a shell script in a ConfigMap) and the library
 * reads otherwise elsewhere: the document is then declined once read. Quoted scalars decline a tab themselves.
 */
function tabsOutsideBlockScalars(text: string, spans: number[]): boolean {
  let span = 0;
  for (let tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', tab + 1)) {
    while (span < spans.length && spans[span + 1] <= tab) span += 2;
    if (span < spans.length && spans[span] <= tab) continue;
    const first = skipSpaces(text, text.lastIndexOf('\n', tab) + 1, tab);
    if (text.charCodeAt(first) !== HASH) return true;
  }
  return false;
}

/** Whether every `\r` is the start of a `\r\n` line break (a lone one is left to the library). */
function crOnlyInLineBreaks(text: string): boolean {
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== 10) return false;
  return true;
}

function skipSpaces(text: string, p: number, nl: number): number {
  while (p < nl && text.charCodeAt(p) === SPACE) p++;
  return p;
}

function spaceOrEnd(text: string, p: number, nl: number): boolean {
  return p >= nl || text.charCodeAt(p) === SPACE;
}

/** A `-` block sequence indicator at `p`: followed by a space or the end of the line. */
function isDash(text: string, p: number, nl: number): boolean {
  return text.charCodeAt(p) === DASH && spaceOrEnd(text, p + 1, nl);
}
