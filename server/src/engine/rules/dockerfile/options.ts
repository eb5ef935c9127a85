// Finding command-line options in RUN commands, each with the edit that deletes it cleanly (built in
// edits/dockerfile.ts); shared by the rules that flag a dangerous option: TLS verification off, signature checks skipped.
import type { Range, TextEdit } from '../../model';
import type { DockerfileModel } from '../../parse/dockerfile';
import { commandsNamed } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';
import type { SourceFile } from '../../source';
import { removeShortOption, removeWords } from '../../edits/dockerfile';

export interface OptionHit {
  command: string;
  option: string;
  range: Range;
  /** Deletes the option (and the blank before it), or one letter of a short-option cluster. */
  removal: TextEdit;
}

export interface OptionSpec {
  commands: ReadonlySet<string>;
  /** Long options, matched exactly or as `--name=value`. */
  long: readonly string[];
  /** A single-letter option, also found inside clusters such as `-fsSLk`. */
  short?: string;
  /** The long option takes its value as the next word (`--trusted-host pypi.example`): removed with it. */
  takesValue?: boolean;
}

const EQUALS = 61;

/**
 * The long option `value` is, written alone or as `--name=value` (a loop that builds no `${o}=` string:
 * this runs for every word of every command named).
 */
function longOption(options: readonly string[], value: string): string | undefined {
  for (let k = 0; k < options.length; k++) {
    const o = options[k];
    if (value.startsWith(o) && (value.length === o.length || value.charCodeAt(o.length) === EQUALS)) return o;
  }
  return undefined;
}

/** The options of `spec` given to its commands in the file's RUNs, in file order. */
export function findOptions(model: DockerfileModel, src: SourceFile, spec: OptionSpec): OptionHit[] {
  const hits: OptionHit[] = [];
  for (const { run, command: cmd } of commandsNamed(model, src, spec.commands)) {
    const name = commandName(cmd)!;
    for (let i = name.index + 1; i < cmd.words.length; i++) {
      const word = cmd.words[i];
      const value = word.value;
      const long = longOption(spec.long, value);
      if (long) {
        const last = spec.takesValue && value === long && cmd.words[i + 1] ? i + 1 : i;
        hits.push({ command: name.name, option: long, range: run.rangeOf(word.start, cmd.words[last].end), removal: removeWords(run, cmd.words, i, last) });
      } else if (spec.short && !word.quoted && /^-[A-Za-z0-9]+$/.test(value) && value.includes(spec.short)) {
        const removal = removeShortOption(run, cmd.words, i, word.start + value.indexOf(spec.short));
        hits.push({ command: name.name, option: `-${spec.short}`, range: run.rangeOf(word.start, word.end), removal });
      }
    }
  }
  return hits;
}
