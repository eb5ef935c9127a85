// One Dockerfile instruction as the rules see it: keyword, flags, arguments, exec-form strings,
// properties. Each piece is read from the text once, when first asked for (dockerfile-ast re-read the
// instruction on every call, six times while parsing a RUN), and a position is computed only for the
// ranges asked for. What each piece holds is what dockerfile-ast 0.7.1 gives: see dockerfileWords.ts.
import type { Range } from '../model';
import type { SourceFile } from '../source';
import { argumentsContent, jsonStrings, scanWords, type Word } from './dockerfileWords';
import { argProperty, properties, propertyWords, type Property } from './dockerfileProperties';

export { Property } from './dockerfileProperties';

/** The document instructions are read from: its text, escape character and line table. */
export class DockerfileText {
  readonly text: string;

  constructor(
    readonly src: SourceFile,
    readonly escapeChar: string,
  ) {
    this.text = src.text;
  }

  /**
   * The offset dockerfile-ast reads text from after a round trip through a position: the middle of a
   * `\r\n` (which no position can name) becomes its start.
   */
  norm(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    return o > 0 && this.text[o] === '\n' && this.text[o - 1] === '\r' ? o - 1 : o;
  }

  range(start: number, end: number): Range {
    return this.src.rangeOf(start, end);
  }

  /** The offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.src.offsetAt({ line: this.src.lineAt(offset), character: 0 });
  }
}

/** A word of an instruction: its value (escapes applied, quotes kept) and its place in the document. */
export class Argument {
  constructor(
    private readonly file: DockerfileText,
    readonly value: string,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range {
    return this.file.range(this.start, this.end);
  }

  /** The same place with another value (quotes removed, say). */
  withValue(value: string): Argument {
    return new Argument(this.file, value, this.start, this.end);
  }
}

/** A `--name=value` flag before an instruction's arguments. */
export class Flag {
  constructor(
    private readonly file: DockerfileText,
    readonly name: string,
    readonly value: string | undefined,
    readonly start: number,
    readonly end: number,
    private readonly valueStart: number,
  ) {}

  get range(): Range {
    return this.file.range(this.start, this.end);
  }

  /** Where the value is, after the `=`; undefined for a flag without one. */
  get valueRange(): Range | undefined {
    return this.value === undefined ? undefined : this.file.range(this.valueStart, this.end);
  }
}

/** When the flag words stop: for RUN/COPY/ADD/FROM at the first word without `--`, for HEALTHCHECK at CMD/NONE. */
const noDashes = (value: string) => !value.includes('--');
const FLAGS_END: Partial<Record<string, (value: string) => boolean>> = {
  RUN: noDashes,
  COPY: noDashes,
  ADD: noDashes,
  FROM: noDashes,
  HEALTHCHECK: (value) => ['CMD', 'NONE'].includes(value.toUpperCase()),
};
/** Instructions that may take exec form (a JSON array of strings). */
const JSON_FORM = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);
const PROPERTY_FORM = new Set(['ARG', 'ENV', 'LABEL']);
/**
 * Where each word read while looking for flags starts (layout's, one instruction at a time): one buffer
 * for every instruction instead of an array of words each.
 */
const FLAG_WORD_STARTS: number[] = [];
const MAX_KEPT_FLAG_WORDS = 1024;
/** Most instructions have no flag: they share one empty list. */
const NO_FLAGS: readonly Flag[] = Object.freeze([]);

/**
 * The usual spellings of each keyword (`RUN`, `run`), each with the keyword in capitals: instructions
 * share these strings instead of keeping two copies of their own (a third of a short ENV's memory).
 */
const SPELLINGS = new Map<string, { name: string; keyword: string }>();
for (const keyword of [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]) {
  for (const name of [keyword, keyword.toLowerCase()]) SPELLINGS.set(name, { name, keyword });
}

/**
 * What an instruction's flags and arguments are, read together on first use: kept in an object of their
 * own, so an instruction nobody asks this of (most ENVs of a file of a million) carries one field for it.
 */
interface Layout {
  flags: readonly Flag[];
  /** Offsets of the arguments after the flags; -1 when there are none. */
  argsStart: number;
  argsEnd: number;
  arguments?: Argument[];
  json?: Argument[];
  /** ONBUILD's trigger; null when the ONBUILD is empty. */
  trigger?: Instruction | null;
}

export class Instruction {
  /** The keyword in capitals (`RUN`). */
  readonly keyword: string;
  /** The keyword as written. */
  readonly name: string;
  private firstLine = -1;
  private lastLine = -1;
  /** The flags and arguments, read on first use (see layout); ARG/ENV/LABEL read their properties instead. */
  private parts?: Layout;
  private cachedProperties?: Property[];

  /** `start` is where the keyword starts, `keywordEnd` where it ends, `end` where the instruction ends (heredoc bodies included). */
  constructor(
    readonly file: DockerfileText,
    name: string,
    readonly start: number,
    readonly keywordEnd: number,
    readonly end: number,
  ) {
    const known = SPELLINGS.get(name);
    this.name = known?.name ?? name;
    this.keyword = known?.keyword ?? name.toUpperCase();
  }

  /** From the keyword to the end of the instruction, heredoc bodies included. */
  get range(): Range {
    return this.file.range(this.start, this.end);
  }

  /** The line of the keyword (what most questions about an instruction need, without a range). */
  get startLine(): number {
    if (this.firstLine < 0) this.firstLine = this.file.src.lineAt(this.start);
    return this.firstLine;
  }

  /** The line where the instruction ends. */
  get endLine(): number {
    if (this.lastLine < 0) this.lastLine = this.file.src.lineAt(this.end);
    return this.lastLine;
  }

  get keywordRange(): Range {
    return this.file.range(this.start, this.keywordEnd);
  }

  /** Reads the flags, and delimits the arguments in the same pass without copying their text. */
  private layout(): Layout {
    if (this.parts) return this.parts;
    const flagsEnd = FLAGS_END[this.keyword];
    let flagWords = 0;
    let flags: readonly Flag[] = NO_FLAGS;
    let count = 0;
    let first = -1;
    let last = -1;
    let readingFlags = flagsEnd !== undefined;
    scanWords(this.file.text, this.argumentsFrom, this.argumentsTo, this.file.escapeChar, (start, end, value) => {
      if (count++ === 0) first = start;
      last = end;
      // Past the flags the words are only counted: nothing is kept of them (a RUN may have a million).
      if (!readingFlags) return false;
      FLAG_WORD_STARTS[flagWords++] = start;
      if (flagsEnd!(value)) {
        readingFlags = false;
        return false;
      }
      if (value.startsWith('--')) flags = [...flags, this.flag({ value, start, end })];
      return true;
    });
    // As in dockerfile-ast, the arguments are the words after as many words as there are flags (the
    // flag words read include the first word that is not a flag, so that word is among them).
    const parts: Layout = { flags, argsStart: -1, argsEnd: -1, arguments: undefined, json: undefined, trigger: undefined };
    if (count > flags.length) {
      parts.argsStart = flagsEnd ? FLAG_WORD_STARTS[flags.length] : first;
      parts.argsEnd = last;
    }
    // A RUN of a million flags leaves the buffer that long: not kept.
    if (FLAG_WORD_STARTS.length > MAX_KEPT_FLAG_WORDS) FLAG_WORD_STARTS.length = 0;
    return (this.parts = parts);
  }

  private get argumentsFrom(): number {
    return this.file.norm(this.keywordEnd);
  }

  private get argumentsTo(): number {
    return this.file.norm(this.end);
  }

  private flag(word: Word): Flag {
    const raw = this.file.text.slice(this.file.norm(word.start), this.file.norm(word.end));
    const nameEq = word.value.indexOf('=');
    const rawEq = raw.indexOf('=');
    if (rawEq === -1) return new Flag(this.file, word.value.substring(2), undefined, word.start, word.end, word.end);
    // The `=` is looked up in the raw text and the name cut from the value, as dockerfile-ast does.
    if (rawEq === word.value.length - 1) return new Flag(this.file, word.value.substring(2, rawEq), '', word.start, word.end, word.end);
    return new Flag(this.file, word.value.substring(2, nameEq), word.value.substring(nameEq + 1), word.start, word.end, this.file.norm(word.start) + rawEq + 1);
  }

  /** `--name=value` flags (RUN, COPY, ADD, FROM, HEALTHCHECK). */
  get flags(): readonly Flag[] {
    return this.layout().flags;
  }

  /**
   * The value of each word of `arguments`, without keeping them: for readers that look for one kind of
   * word (heredoc openers) in instructions that may have a million.
   */
  eachArgumentValue(visit: (value: string) => void): void {
    let skip = this.flags.length;
    scanWords(this.file.text, this.argumentsFrom, this.argumentsTo, this.file.escapeChar, (_start, _end, value) => {
      if (skip > 0) skip--;
      else visit(value);
      return true;
    });
  }

  /** The arguments after the flags, as words. */
  get arguments(): Argument[] {
    const parts = this.layout();
    if (!parts.arguments) {
      // Made as the words are read, past as many words as there are flags (no list of every word to cut).
      const args: Argument[] = [];
      let skip = parts.flags.length;
      scanWords(this.file.text, this.argumentsFrom, this.argumentsTo, this.file.escapeChar, (start, end, value) => {
        if (skip > 0) skip--;
        else args.push(new Argument(this.file, value, start, end));
        return true;
      });
      parts.arguments = args;
    }
    return parts.arguments;
  }

  /** Offset where the arguments after the flags start; undefined when there are none. */
  get argumentsStart(): number | undefined {
    const { argsStart } = this.layout();
    return argsStart === -1 ? undefined : this.file.norm(argsStart);
  }

  /** Offset where the last argument ends; undefined when there are none. */
  get argumentsEnd(): number | undefined {
    const { argsEnd } = this.layout();
    return argsEnd === -1 ? undefined : this.file.norm(argsEnd);
  }

  /** From the first argument after the flags to the end of the last. */
  get argumentsRange(): Range | undefined {
    const { argsStart, argsEnd } = this.layout();
    return argsStart === -1 ? undefined : this.file.range(argsStart, argsEnd);
  }

  /** The text of the arguments as written (continuations and comment lines included). */
  get rawArguments(): string | undefined {
    const { argumentsStart: start, argumentsEnd: end } = this;
    return start === undefined || end === undefined ? undefined : this.file.text.slice(start, end);
  }

  /** The arguments with line continuations and the comment lines among them taken out. */
  get argumentsText(): string | undefined {
    const { argumentsStart: start, argumentsEnd: end } = this;
    if (start === undefined || end === undefined) return undefined;
    const sameLine = this.file.src.lineAt(start) === this.file.src.lineAt(end);
    return argumentsContent(this.file.text, start, end, this.file.escapeChar, (o) => this.file.lineStart(o), sameLine);
  }

  /** The strings of exec form (`["a b", "c"]`) with quotes removed, each ranged over its quotes. */
  get jsonArguments(): Argument[] {
    const parts = this.layout();
    if (!parts.json) {
      const { argumentsStart: start, argumentsEnd: end } = this;
      parts.json =
        !JSON_FORM.has(this.keyword) || start === undefined || end === undefined
          ? []
          : jsonStrings(this.file.text, start, end).map((s) => new Argument(this.file, s.value.slice(1, -1), s.start, s.end));
    }
    return parts.json;
  }

  /** The NAME=value properties of ARG, ENV and LABEL. */
  get properties(): Property[] {
    if (!this.cachedProperties) {
      this.cachedProperties = PROPERTY_FORM.has(this.keyword) ? properties(this.file, this.propertyWords()) : [];
    }
    return this.cachedProperties;
  }

  /** An ARG's one property, as dockerfile-ast resolves variables with: none when the ARG has several words. */
  get argProperty(): Property | undefined {
    return this.keyword === 'ARG' ? argProperty(this.file, this.propertyWords()) : undefined;
  }

  private propertyWords(): Word[] {
    const { text } = this.file;
    // Whether the properties start on a later line than the keyword.
    const continued = (argsStart: number) => {
      for (let i = this.start; i < argsStart; i++) if (text[i] === '\n' || text[i] === '\r') return true;
      return false;
    };
    return propertyWords(text, this.argumentsFrom, this.argumentsTo, this.file.escapeChar, continued);
  }

  /** The instruction an ONBUILD runs in a later build; undefined for other instructions or an empty ONBUILD. */
  get trigger(): Instruction | undefined {
    if (this.keyword !== 'ONBUILD') return undefined;
    const parts = this.layout();
    if (parts.trigger === undefined) {
      const word = this.arguments[0];
      const name = word && this.file.text.slice(this.file.norm(word.start), this.file.norm(word.end));
      parts.trigger = word ? new Instruction(this.file, name!, word.start, word.end, this.end) : null;
    }
    return parts.trigger ?? undefined;
  }

  /** FROM's image as written (its first argument). */
  get image(): string | undefined {
    return this.keyword === 'FROM' ? this.arguments[0]?.value : undefined;
  }

  get imageRange(): Range | undefined {
    return this.keyword === 'FROM' ? this.arguments[0]?.range : undefined;
  }

  /** FROM's `AS name`, as written. */
  get stageName(): string | undefined {
    const args = this.arguments;
    if (this.keyword !== 'FROM' || args.length <= 2 || args[1].value.toUpperCase() !== 'AS') return undefined;
    return this.file.text.slice(this.file.norm(args[2].start), this.file.norm(args[2].end));
  }

  /** COPY's `--from` flag; as in dockerfile-ast, only when it is the one flag. */
  get fromFlag(): Flag | undefined {
    if (this.keyword !== 'COPY') return undefined;
    const flags = this.flags;
    return flags.length === 1 && flags[0].name === 'from' ? flags[0] : undefined;
  }
}
