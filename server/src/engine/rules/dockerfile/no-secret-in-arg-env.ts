import { defineRule } from '../../rule';
import { insertAt } from '../../fixer';
import { removePropertyEdit, type Instruction, type PropertyInstruction } from '../../parse/dockerfile';
import { detectSecret, isSecretName, knownTokenFormat } from '../../policy/secrets';

const secretId = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Does a RUN refer to the variable (`$NAME`, `${NAME}`, `${NAME:-x}`)? */
function usesVariable(run: Instruction, name: string): boolean {
  const text = run.getRawArgumentsContent() ?? '';
  return new RegExp(`\\$(\\{${name}([:}?+-]|\\})|${name}(?![A-Za-z0-9_]))`).test(text);
}

/** The RUNs after `declaration` that read `name`, up to the next ARG/ENV that declares it again. */
function runsUsing(instructions: Instruction[], declaration: Instruction, name: string): Instruction[] {
  const out: Instruction[] = [];
  for (const ins of instructions.slice(instructions.indexOf(declaration) + 1)) {
    const keyword = ins.getKeyword();
    if ((keyword === 'ARG' || keyword === 'ENV') && (ins as PropertyInstruction).getProperties().some((p) => p.getName() === name)) break;
    if (keyword === 'RUN' && usesVariable(ins, name)) out.push(ins);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'DF003', name: 'no-secret-in-arg-env', appliesTo: 'dockerfile',
    title: 'Secret passed through ARG or ENV', severity: 'warning',
    threat: 'exposed-secrets', principle: 'defence-in-depth',
    rationale: 'Values of `ENV` are stored in the image configuration and `ARG` values in its build history: anyone who can pull the image reads them with `docker history` or `docker inspect`, long after the build. Registries, caches and CI logs keep copies too.',
    remediation: 'Pass build-time secrets as BuildKit secrets: `RUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci` with `docker build --secret id=npm-token,env=NPM_TOKEN .` (the `env=` form needs the Dockerfile 1.10 frontend: `# syntax=docker/dockerfile:1.10`). Provide runtime secrets when the container starts (orchestrator secrets, mounted files), never in the image.',
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 538 },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3064' }, { tool: 'buildkit', id: 'SecretsUsedInArgOrEnv' }, { tool: 'trivy', id: 'AVD-DS-0031' },
      { tool: 'semgrep', id: 'secret-in-build-arg' },
    ],
    messages: {
      secretArg: 'Build argument {{name}} looks like a credential; its value is kept in the image history.',
      secretEnv: 'ENV {{name}} sets a literal credential that is baked into the image.',
      tokenValue: '{{name}} holds what looks like a {{format}}; it is baked into the image.',
    },
    fix: { applicability: 'unsafe', title: 'Use a BuildKit secret mount instead (review)' },
    examples: {
      bad: 'FROM node:22-alpine\nARG NPM_TOKEN\nRUN npm ci\nUSER 10001\n',
      good: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const ins of dockerfile.instructions) {
      const keyword = ins.getKeyword();
      if (keyword !== 'ARG' && keyword !== 'ENV') continue;
      const pi = ins as PropertyInstruction;
      for (const property of pi.getProperties()) {
        const name = property.getName();
        const value = property.getValue() ?? undefined;
        const format = value !== undefined ? knownTokenFormat(value) : undefined;
        let messageId: 'secretArg' | 'secretEnv' | 'tokenValue';
        if (format) messageId = 'tokenValue';
        else if (keyword === 'ARG' && isSecretName(name)) messageId = 'secretArg';
        else if (keyword === 'ENV' && detectSecret(name, value)) messageId = 'secretEnv';
        else continue;
        const stage = dockerfile.stageOf.get(ins);
        const id = secretId(name);
        const runs = stage ? runsUsing(stage.instructions, ins, name) : [];
        const edits = [removePropertyEdit(src, pi, property), ...runs.map((r) => insertAt(r.getInstructionRange().end, ` --mount=type=secret,id=${id},env=${name}`))];
        report({
          messageId, data: { name, format: format ?? '' }, range: property.getNameRange(), fix: edits,
          fixTitle: `Use a BuildKit secret: docker build --secret id=${id},env=${name} (review)`,
        });
      }
    }
  },
});
