// The build context of a Dockerfile open in the editor or scanned by the CLI: its directory (the
// common `docker build .` layout), what `.dockerignore` keeps out, and the local sources COPY/ADD read.
import type { DockerfileContext } from '../../rule';
import { instructionArguments, type DockerfileModel, type Instruction, type InstructionArgument } from '../../parse/dockerfile';
import type { DockerIgnore, WorkspaceFacts } from '../../workspace/facts';
import { resolvePath } from '../../workspace/paths';
import { baseName } from '../../detect';
import { isPathPattern, patternCopies } from '../../parse/pathPattern';

export interface BuildContext {
  dir: string;
  ignore: DockerIgnore;
  facts: WorkspaceFacts;
  /** Local COPY/ADD sources inside the workspace (one reached through a link out of it is reported instead). */
  sources: CopySource[];
}

/** Each model's context with the facts it was read from: three rules ask, and reading it resolves every COPY source. */
const contexts = new WeakMap<DockerfileModel, { facts: WorkspaceFacts; context: BuildContext | undefined }>();

/**
 * The context of the Dockerfile being analyzed, or undefined without a workspace or when its
 * .dockerignore leads out of the workspace (what it excludes is unknown: the first source says so).
 * Read once per model and facts: what reading notes in the facts (files read, references leading out)
 * is the same on every read.
 */
export function buildContextOf(ctx: DockerfileContext): BuildContext | undefined {
  const facts = ctx.workspace;
  if (!facts) return undefined;
  const known = contexts.get(ctx.dockerfile);
  if (known?.facts === facts) return known.context;
  const context = readBuildContext(ctx.dockerfile, facts);
  contexts.set(ctx.dockerfile, { facts, context });
  return context;
}

function readBuildContext(model: DockerfileModel, facts: WorkspaceFacts): BuildContext | undefined {
  const dir = facts.documentDir;
  const ignore = facts.dockerignore(dir, facts.documentPath);
  const local = localCopySources(model.instructions);
  if (ignore.outside) {
    if (local.length) facts.noteOutside(baseName(ignore.path), local[0].range);
    return undefined;
  }
  const sources = local.filter((s) => facts.canFollow(contextPath(dir, s.path), s.value, s.range));
  return { dir, ignore, facts, sources };
}

/**
 * Where a source lies: the builder resolves it inside the context (`..` stops at its root), so only a
 * link can lead out. A glob is judged by its literal directory prefix.
 */
function contextPath(dir: string, source: string): string {
  const prefix = isPathPattern(source) ? literalPrefix(source) : source;
  return resolvePath(dir, resolvePath('/', prefix).slice(1));
}

/** The segments of a glob before its first wildcard segment. */
function literalPrefix(source: string): string {
  const segments = source.split('/');
  return segments.slice(0, segments.findIndex(isPathPattern)).join('/');
}

export interface CopySource extends InstructionArgument {
  instruction: Instruction;
  /** The source relative to the context root: `''` for the whole context (`.`), no leading `./` or `/`. */
  path: string;
}

/** Local sources of COPY/ADD (not `--from`, URLs, heredocs or variables), with their written ranges. */
export function localCopySources(instructions: Instruction[]): CopySource[] {
  const out: CopySource[] = [];
  for (let n = 0; n < instructions.length; n++) {
    const ins = instructions[n];
    const keyword = ins.keyword;
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    if (ins.fromFlag) continue;
    const args = instructionArguments(ins);
    // Every argument but the destination (the last).
    for (let a = 0; a < args.length - 1; a++) {
      const arg = args[a];
      if (/^(<<|[a-z][\w+.-]*:\/\/|git@)|\$/i.test(arg.value)) continue;
      out.push({ value: arg.value, range: arg.range, instruction: ins, path: trimTrailingSlashes(arg.value.replace(/^(\.\/|\/)+/, '')).replace(/^\.$/, '') });
    }
  }
  return out;
}

/** `a/b//` → `a/b`, by a loop: `/\/+$/` tries every slash of a long run and is quadratic in it. */
function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

export const isGlob = isPathPattern;

/** Whether a COPY source sends `file` (relative to the context) into the image. */
export function copiesFile(source: string, file: string): boolean {
  if (source === '') return true;
  if (!isPathPattern(source)) return file === source || file.startsWith(`${source}/`);
  return patternCopies(source, file);
}
