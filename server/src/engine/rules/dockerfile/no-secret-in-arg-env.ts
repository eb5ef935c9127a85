import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { insertAt } from '../../edits/text';
import { removePropertyEdit } from '../../edits/dockerfile';
import type { Instruction, Property, Stage } from '../../parse/dockerfile';
import { detectSecret, isSecretName, knownTokenFormat } from '../../policy/secrets';

const secretId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const isNameStart = (c: string) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');

/** The variables a RUN reads: `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME?}`, `${NAME+x}`. */
function variablesRead(run: Instruction): Set<string> {
  const text = run.rawArguments ?? '';
  const names = new Set<string>();
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const braced = text[i + 1] === '{';
    const start = i + (braced ? 2 : 1);
    if (!isNameStart(text[start] ?? '')) continue;
    let end = start + 1;
    while (end < text.length && isNameChar(text[end])) end++;
    if (!braced || (end < text.length && ':}?+-'.includes(text[end]))) names.add(text.slice(start, end));
  }
  return names;
}

/**
 * For each ARG/ENV property of a stage, the RUNs that read it before an ARG/ENV declares the name
 * again: one pass over the stage, whatever the number of declarations.
 */
function readersByDeclaration(instructions: Instruction[]): Map<Property, Instruction[]> {
  const current = new Map<string, Instruction[]>();
  const out = new Map<Property, Instruction[]>();
  for (let n = 0; n < instructions.length; n++) {
    const ins = instructions[n];
    const keyword = ins.keyword;
    if (keyword === 'ARG' || keyword === 'ENV') {
      for (const property of ins.properties) {
        const readers: Instruction[] = [];
        current.set(property.name, readers);
        out.set(property, readers);
      }
    } else if (keyword === 'RUN') {
      for (const name of variablesRead(ins)) current.get(name)?.push(ins);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'DF003',
    name: 'no-secret-in-arg-env',
    appliesTo: 'dockerfile',
    title: 'Secret passed through ARG or ENV',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'Values of `ENV` are stored in the image configuration and `ARG` values in its build history: anyone who can pull the image reads them with `docker history` or `docker inspect`, long after the build. Registries, caches and CI logs keep copies too.',
    remediation:
      'Remove the literal from the Dockerfile (rotate it: it is in the image history and in Git) and pass build-time secrets as BuildKit secrets: `RUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci` with `docker build --secret id=npm-token,env=NPM_TOKEN .` (the `env=` form needs the Dockerfile 1.10 frontend: `# syntax=docker/dockerfile:1.10`). Provide runtime secrets when the container starts (orchestrator secrets, mounted files), never in the image. The quick fix moves only declarations without a value; a literal value has no safe place to go (a file beside the Dockerfile would sit in the build context), so its fix is shown without an edit.',
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 538 },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3064' },
      { tool: 'buildkit', id: 'SecretsUsedInArgOrEnv' },
      { tool: 'trivy', id: 'AVD-DS-0031' },
      { tool: 'semgrep', id: 'secret-in-build-arg' },
    ],
    messages: {
      secretArg: 'Build argument {{name}} looks like a credential; its value is kept in the image history.',
      secretEnv: 'ENV {{name}} sets a literal credential that is baked into the image.',
      tokenValue: '{{name}} holds what looks like a {{format}}; it is baked into the image.',
    },
    fix: {
      applicability: 'unsafe',
      title: 'Use a BuildKit secret mount instead',
      review: 'the build must pass the value with --secret instead of --build-arg, and the image no longer has it at run time',
    },
    examples: {
      bad: 'FROM node:22-alpine\nARG NPM_TOKEN\nRUN npm ci\nUSER 10001\n',
      good: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const readers = new Map<Stage, Map<Property, Instruction[]>>(); // per stage, built on its first secret
    const readersOf = (stage: Stage, property: Property) => {
      if (!readers.has(stage)) readers.set(stage, readersByDeclaration(stage.instructions));
      return readers.get(stage)!.get(property) ?? [];
    };
    const declarations = instructionsOf(dockerfile, ['ARG', 'ENV']);
    for (let d = 0; d < declarations.length; d++) {
      const ins = declarations[d];
      const keyword = ins.keyword;
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      for (const property of ins.properties) {
        const name = property.name;
        const value = property.value;
        const format = value !== undefined ? knownTokenFormat(value) : undefined;
        let messageId: 'secretArg' | 'secretEnv' | 'tokenValue';
        if (format) messageId = 'tokenValue';
        else if (keyword === 'ARG' && isSecretName(name)) messageId = 'secretArg';
        else if (keyword === 'ENV' && detectSecret(name, value)) messageId = 'secretEnv';
        else continue;
        const stage = dockerfile.stageOf.get(ins);
        const id = secretId(name);
        const runs = stage ? readersOf(stage, property) : [];
        // A literal value has nowhere sound to go: a file beside the Dockerfile would sit in the build
        // context (XF002), and deleting it loses the credential. Only a declaration without a value moves.
        const edits = value ? [] : [removePropertyEdit(src, ins, property), ...runs.map((r) => insertAt(r.keywordRange.end, ` --mount=type=secret,id=${id},env=${name}`))];
        report({
          messageId,
          data: { name, format: format ?? '' },
          range: property.nameRange,
          fix: edits,
          fixTitle: `Use a BuildKit secret: docker build --secret id=${id},env=${name}`,
        });
      }
    }
  },
});
