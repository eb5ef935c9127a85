// Credentials passed on a command line (`redis-server --requirepass x`, `mysql -uroot -psecret`,
// `PGPASSWORD=x psql`): visible in `ps`, `docker inspect`, the pod spec and the image history. One
// reader for every format: a Dockerfile RUN/CMD/ENTRYPOINT, a Compose `command:`/`entrypoint:`, a
// Kubernetes `command`/`args`. Values are judged by the shared secret detector (placeholders and
// references such as `$REDIS_PASSWORD` never count).
import { detectSecret, nameTokens, secretNameStrength, type SecretMatch } from './secrets';
import { allCommands, parseShell, SHELLS } from '../parse/shell';
import { isScalar, isSeq, type Node, type YamlDocument } from '../parse/yaml';

/** One word of a command line, with where it is in the caller's coordinates. */
export interface ArgWord {
  value: string;
  start: number;
  end: number;
}

export interface CommandSecret extends SecretMatch {
  /** How the value was passed: `--requirepass`, `-p`, `PGPASSWORD=`. */
  flag: string;
  /** The credential itself, for redaction. */
  value: string;
  /** The word holding the value (`--password=x` whole): the caller's coordinates. */
  start: number;
  end: number;
}

/** Options whose value is a password although their name does not say so. */
const PASSWORD_OPTIONS = new Set(['requirepass', 'masterauth', 'passwd', 'pass', 'pw']);

/**
 * Commands whose `--password` takes a value only when glued with `=` (`mysql --password db` prompts and
 * names a database; `psql --password` forces a prompt) and whose `-p` is the password only when glued
 * (`-psecret`; `-p db` prompts).
 */
const OPTIONAL_VALUE_COMMANDS = new Set([
  'mysql',
  'mysqladmin',
  'mysqldump',
  'mysqlimport',
  'mysqlshow',
  'mysqlcheck',
  'mysqlpump',
  'mariadb',
  'mariadb-dump',
  'mariadb-admin',
  'psql',
  'pg_dump',
  'pg_dumpall',
  'pg_restore',
  'createdb',
  'createuser',
  'dropdb',
  'dropuser',
  'pg_basebackup',
  'vacuumdb',
  'reindexdb',
  'pgbench',
]);
const MYSQL_FAMILY = (name: string) => name.startsWith('mysql') || name.startsWith('mariadb');

/**
 * Commands whose short option is the password, with the subcommand it needs (`docker login -p x`, not
 * `docker run -p 8080:80`). A Map: a command named `constructor` has none.
 */
const SHORT_PASSWORD = new Map<string, { letter: string; subcommand?: string }>(
  Object.entries({
    sshpass: { letter: 'p' },
    'redis-cli': { letter: 'a' },
    mongo: { letter: 'p' },
    mongosh: { letter: 'p' },
    mongodump: { letter: 'p' },
    mongorestore: { letter: 'p' },
    docker: { letter: 'p', subcommand: 'login' },
    podman: { letter: 'p', subcommand: 'login' },
    buildah: { letter: 'p', subcommand: 'login' },
    skopeo: { letter: 'p', subcommand: 'login' },
    htpasswd: { letter: 'b' },
  } satisfies Record<string, { letter: string; subcommand?: string }>),
);

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** The last path segment (a slice, not a split: asked of two words of every command). */
const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Options whose name says credential but whose value is an identifier (etcd documents its cluster token as one). */
const NOT_CREDENTIAL_OPTIONS = new Set(['initial-cluster-token']);

/** Whether an option name (without dashes) designates a password. */
function passwordOption(name: string): boolean {
  const lower = name.toLowerCase();
  return PASSWORD_OPTIONS.has(lower) || (secretNameStrength(name) === 'strong' && !NOT_CREDENTIAL_OPTIONS.has(lower));
}

/** The secret detector's verdict on a value passed as a password: a credential name is implied. */
const judge = (value: string): SecretMatch | undefined => detectSecret('password', value);

/**
 * The verdict on an option's value. Controllers name Kubernetes Secret objects with `--…-secret` options
 * (`--webhook-ca-secret=app-webhook-ca`): under such a name only a random-looking value is a credential.
 */
function judgeOption(name: string, value: string): SecretMatch | undefined {
  if (PASSWORD_OPTIONS.has(name.toLowerCase())) return judge(value);
  const tokens = nameTokens(name);
  return detectSecret(tokens[tokens.length - 1] === 'secret' ? 'key' : name, value);
}

/** Keeps a verdict that is a credential (a function, not a closure made for every command line); the list is made for the first. */
function keep(out: CommandSecret[] | undefined, flag: string, value: string, word: ArgWord, match: SecretMatch | undefined): CommandSecret[] | undefined {
  if (!match) return out;
  (out ??= []).push({ ...match, flag, value, start: word.start, end: word.end });
  return out;
}

/** What most command lines hold: one empty list for all of them. */
const NO_SECRETS: readonly CommandSecret[] = Object.freeze([]);

/**
 * Option words already judged not to name a password (`--no-cache-dir`, `-y`): most options of a file
 * repeat, and judging one cuts and lower-cases its name. Emptied when full; long words are not kept.
 */
const notPasswordOptions = new Set<string>();
const MAX_KEPT_OPTIONS = 10_000;
const MAX_KEPT_OPTION = 200;

/** Whether a `--name` word (no `=`) designates a password, remembered for the words that do not. */
function passwordOptionWord(word: string): boolean {
  if (notPasswordOptions.has(word)) return false;
  if (passwordOption(word.slice(2))) return true;
  if (word.length <= MAX_KEPT_OPTION) {
    if (notPasswordOptions.size >= MAX_KEPT_OPTIONS) notPasswordOptions.clear();
    notPasswordOptions.add(word);
  }
  return false;
}

/** The credentials on one command line (`words[0]` may be preceded by `NAME=value` assignments). */
export function commandLineSecrets(words: ArgWord[]): readonly CommandSecret[] {
  let out: CommandSecret[] | undefined;
  let i = 0;
  for (; i < words.length; i++) {
    const m = ASSIGNMENT.exec(words[i].value);
    if (!m) break;
    out = keep(out, m[1], m[2], words[i], detectSecret(m[1], m[2]));
  }
  if (i >= words.length) return out ?? NO_SECRETS;
  // Arguments to the image's entrypoint (`args: ["--requirepass", x]`) start with an option, not a command.
  const command = words[i].value.startsWith('-') ? '' : basename(words[i].value);
  if (command === '') i--;
  const optionalValue = OPTIONAL_VALUE_COMMANDS.has(command);
  const short = SHORT_PASSWORD.get(command);
  const shortApplies = short !== undefined && (!short.subcommand || hasWordAfter(words, i, short.subcommand));
  for (let k = i + 1; k < words.length; k++) {
    const word = words[k];
    const text = word.value;
    if (text === '--') break;
    // Only options can pass a credential (a plain loop: this runs for every word of every command).
    if (text.length === 0 || text.charCodeAt(0) !== DASH) continue;
    // Read within bounds: reading past the end makes V8 throw away this function's optimized code.
    const next = k + 1 < words.length ? words[k + 1] : undefined;
    const nextValue = next && !next.value.startsWith('-') ? next : undefined;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      if (eq <= 0) {
        if (nextValue && !optionalValue && passwordOptionWord(text)) {
          const name = text.slice(2);
          out = keep(out, `--${name}`, nextValue.value, nextValue, judgeOption(name, nextValue.value));
        }
        continue;
      }
      const name = text.slice(2, eq);
      if (passwordOption(name)) out = keep(out, `--${name}`, text.slice(eq + 1), word, judgeOption(name, text.slice(eq + 1)));
      continue;
    }
    if (/^-[A-Za-z]/.test(text)) {
      if (MYSQL_FAMILY(command) && text.startsWith('-p') && text.length > 2) out = keep(out, '-p', text.slice(2), word, judge(text.slice(2)));
      else if (shortApplies && text === `-${short.letter}` && nextValue) {
        // htpasswd -b takes the user, then the password.
        const target = short.letter === 'b' ? (k + 3 < words.length ? words[k + 3] : undefined) : nextValue;
        if (target) out = keep(out, text, target.value, target, judge(target.value));
      } else if (!optionalValue && /^-(password|pass|requirepass)$/i.test(text) && nextValue) out = keep(out, text, nextValue.value, nextValue, judge(nextValue.value));
    }
  }
  return out ?? NO_SECRETS;
}

const DASH = 45;

/** Whether a word after `words[from]` is `value` (a docker command's `login`). */
function hasWordAfter(words: ArgWord[], from: number, value: string): boolean {
  for (let k = from + 1; k < words.length; k++) if (words[k].value === value) return true;
  return false;
}

/**
 * The credentials on a command line and in the script of the shell it starts (`sh -c '…'`): what is
 * found in that script is placed on the script's word, whose quoting may not map character by character.
 */
export function commandSecrets(words: ArgWord[]): readonly CommandSecret[] {
  const line = commandLineSecrets(words);
  const script = shellScriptArgument(words);
  if (!script) return line;
  const out = [...line];
  for (const cmd of allCommands(parseShell(script.value))) {
    for (const found of commandLineSecrets(cmd.words)) out.push({ ...found, start: script.start, end: script.end });
  }
  return out;
}

/** The credentials in a shell script (a Compose `command:` string), at script offsets. */
export function scriptSecrets(script: string): CommandSecret[] {
  return allCommands(parseShell(script)).flatMap((cmd) => commandSecrets(cmd.words));
}

/** The script of `sh -c '<script>'` (the word after `-c`), when this command line starts a shell. */
function shellScriptArgument(words: ArgWord[]): ArgWord | undefined {
  if (!words.length || !SHELLS.has(basename(words[0].value))) return undefined;
  const c = words.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  return c > 0 && c + 1 < words.length ? words[c + 1] : undefined;
}

/**
 * The credentials in a YAML command line: lists (Kubernetes `command` + `args`, a Compose list) are one
 * argument vector, item by item; a string (Compose's `command: redis-server --requirepass x`) is split
 * as a shell line. Offsets are those of the item or the string; templated values decide their own.
 */
export function yamlCommandSecrets(doc: YamlDocument, nodes: Array<Node | undefined>): CommandSecret[] {
  const out: CommandSecret[] = [];
  const argv: ArgWord[] = [];
  for (const raw of nodes) {
    const node = doc.deref(raw);
    if (isScalar(node) && typeof node.value === 'string' && !doc.isTemplated(node)) {
      const [start, end] = doc.offsets(node);
      for (const found of scriptSecrets(node.value)) out.push({ ...found, start, end });
    } else if (isSeq(node)) {
      for (const item of doc.items(node)) {
        if (!isScalar(item) || item.value === null || item.value === undefined || doc.isTemplated(item)) continue;
        const [start, end] = doc.offsets(item);
        argv.push({ value: String(item.value), start, end });
      }
    }
  }
  return [...out, ...commandSecrets(argv)];
}
