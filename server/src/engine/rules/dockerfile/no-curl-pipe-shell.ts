import { defineRule } from '../../rule';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands, commandName, INTERPRETERS, parseShell, scriptsWithin, type ShellScript, type SimpleCommand, type Word } from '../../parse/shell';

const FETCHERS = new Set(['curl', 'wget']);
const RUNNERS = new Set([...INTERPRETERS, 'eval', 'source', '.']);
/** `sh -c` strings inside `sh -c` strings deeper than this are not read again (each level is quoted once more). */
const MAX_INLINE_DEPTH = 8;

const isFetch = (cmd: SimpleCommand) => FETCHERS.has(commandName(cmd)?.name ?? '');
const containsFetch = (script: ShellScript): boolean => allCommands(script).some(isFetch);

interface Hit {
  start: number;
  end: number;
  fetcher: string;
  runner: string;
}
type Substitution = ShellScript['substitutions'][number];

/** The substitutions of a script (in source order) lying within [from, to). */
function substitutionsWithin(subs: Substitution[], from: number, to: number): Substitution[] {
  let lo = 0;
  let hi = subs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (subs[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < subs.length && subs[end].end <= to) end++;
  return subs.slice(lo, end);
}

/** Whether quotes or escapes were removed from a word: only then does its text read differently as a script. */
const unquotes = (w: Word) => w.value.length < w.end - w.start;

/** Finds downloaded code handed straight to an interpreter, at any nesting depth of the script. */
function findHits(script: ShellScript, out: Hit[], inlineDepth = 0): void {
  const scripts = scriptsWithin(script);
  for (let s = 0; s < scripts.length; s++) {
    const current = scripts[s];
    const pipelines = current.pipelines;
    for (let p = 0; p < pipelines.length; p++) {
      const pipeline = pipelines[p];
      findPipelineHits(current, pipeline.commands, out, inlineDepth);
    }
  }
}

/** The hits of one pipeline of `current` (plain loops: this runs for every pipeline of every RUN). */
function findPipelineHits(current: ShellScript, cmds: SimpleCommand[], out: Hit[], inlineDepth: number): void {
  let firstFetch = -1;
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i];
    if (firstFetch === -1 && isFetch(cmd)) firstFetch = i;
    const name = commandName(cmd);
    if (!name || !RUNNERS.has(name.name)) continue;
    const runnerWord = cmd.words[name.index];
    // curl … | sh
    if (firstFetch >= 0 && firstFetch < i) {
      const fetch = cmds[firstFetch];
      out.push({ start: fetch.words[0].start, end: runnerWord.end, fetcher: commandName(fetch)!.name, runner: name.name });
    }
    // bash <(curl …), sh -c "$(curl …)", eval "$(wget -qO- …)"
    const sub = substitutionsWithin(current.substitutions, runnerWord.end, cmd.words[cmd.words.length - 1].end).find((s) => containsFetch(s.script));
    if (sub) {
      const inner = sub.script.pipelines.flatMap((p) => p.commands).find(isFetch);
      const word = cmd.words.find((w) => w.start <= sub.start && w.end >= sub.end);
      out.push({ start: runnerWord.start, end: word?.end ?? sub.end, fetcher: inner ? commandName(inner)!.name : 'curl', runner: name.name });
      continue;
    }
    // sh -c "curl … | sh": the -c string is a script of its own.
    const c = cmd.words.findIndex((w, k) => k > name.index && w.value === '-c');
    const arg = c >= 0 ? cmd.words[c + 1] : undefined;
    if (arg && INTERPRETERS.has(name.name) && unquotes(arg) && inlineDepth < MAX_INLINE_DEPTH) {
      findHits(parseShell(arg.value, arg.start + (arg.quoted ? 1 : 0)), out, inlineDepth + 1);
    }
  }
}

export default defineRule({
  meta: {
    id: 'DF004',
    name: 'no-curl-pipe-shell',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Downloaded script piped into a shell',
    severity: 'warning',
    threat: 'build-compromise',
    principle: 'defence-in-depth',
    rationale:
      '`curl … | sh` runs whatever the server returns at build time, unverified and unlogged: a compromised download host, a hijacked DNS name or a truncated transfer plants code in the image with root privileges during the build. Nothing in the Dockerfile records what actually ran.',
    remediation:
      'Download to a file, verify it against a pinned checksum or signature, then run it: `curl -fsSLo install.sh https://… && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`. Better still, install a versioned package or copy the tool from a pinned image with `COPY --from=`.',
    references: [
      { standard: 'cwe', id: 494 },
      { standard: 'cis-docker', section: '4.11', title: 'Ensure only verified packages are installed' },
    ],
    aliases: [{ tool: 'semgrep', id: 'curl-pipe-bash' }],
    messages: { pipeToShell: 'Output of {{fetcher}} is executed by {{runner}} without verification.' },
    examples: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 10001\n',
      good: 'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo "d2a1…  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const runs = parsedRuns(dockerfile, src);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const hits: Hit[] = [];
      findHits(run.script, hits);
      for (const hit of hits) report({ messageId: 'pipeToShell', data: { fetcher: hit.fetcher, runner: hit.runner }, range: run.rangeOf(hit.start, hit.end) });
    }
  },
});
