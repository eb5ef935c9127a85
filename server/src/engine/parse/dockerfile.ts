// dockerfile-ast wrapped into the model rules need: stages, their base, and the final stage.
import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';

export type { Dockerfile, From, Instruction } from 'dockerfile-ast';

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  from: From;
  /** Instructions after FROM up to the next FROM (FROM itself excluded). */
  instructions: Instruction[];
  /** The image reference as written, variables expanded where the file defines them. */
  image: string;
  /** The earlier stage this one builds on (`FROM builder`), when there is one. */
  parent?: Stage;
}

export interface DockerfileModel {
  ast: Dockerfile;
  stages: Stage[];
  /** Instructions before the first FROM (ARGs, usually). */
  preamble: Instruction[];
  /** The stage that produces the image, or undefined when the file has no FROM. */
  finalStage?: Stage;
  /** Every instruction in file order, ONBUILD triggers excluded. */
  instructions: Instruction[];
  escapeChar: string;
}

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const instructions = ast.getInstructions();
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  const byName = new Map<string, Stage>();
  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      const from = ins as From;
      const image = expandImage(ast, from);
      const name = from.getBuildStage()?.toLowerCase() ?? undefined;
      const stage: Stage = { index: stages.length, name, from, instructions: [], image, parent: byName.get(image.toLowerCase()) };
      stages.push(stage);
      if (name) byName.set(name, stage);
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { ast, stages, preamble, finalStage: stages[stages.length - 1], instructions, escapeChar: ast.getEscapeCharacter() };
}

/** FROM's image with `${VAR}`/`$VAR` replaced by the default of a global ARG, when one exists. */
function expandImage(ast: Dockerfile, from: From): string {
  const raw = from.getImage() ?? '';
  if (!raw.includes('$')) return raw;
  const line = from.getRange().start.line;
  return raw.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string, b: string) => {
    const value = ast.resolveVariable(a ?? b, line);
    return typeof value === 'string' ? value : m;
  });
}

/** The stage a stage ultimately builds on from an external image (follows `FROM <stage>` chains). */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  const seen = new Set<Stage>();
  while (s.parent && !seen.has(s)) {
    seen.add(s);
    s = s.parent;
  }
  return s;
}
