// npm run new-rule -- <kind> <name>: scaffolds a rule (next free id of its family), its table test and a
// CHANGELOG line, and adds it to its folder's index. Fill in the TODOs, then `npm run gen` for its page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './generated';
import { RULES_DIR, ruleFiles, ruleIndexFiles } from './ruleIndex';

const FAMILIES = { dockerfile: 'DF', compose: 'DC', kubernetes: 'K8S', cross: 'XF' } as const;
type Kind = keyof typeof FAMILIES;
/** What a cross-file rule is reported on by default; the others apply to their own kind. */
const APPLIES_TO: Record<Kind, string> = { dockerfile: 'dockerfile', compose: 'compose', kubernetes: 'kubernetes', cross: 'compose' };
const MODEL: Record<Kind, string> = { dockerfile: 'dockerfile', compose: 'compose', kubernetes: 'k8s', cross: 'compose' };
const EXAMPLE: Record<Kind, { bad: string; good: string }> = {
  dockerfile: { bad: 'FROM alpine:3.20\\n', good: 'FROM alpine:3.20\\nUSER 10001\\n' },
  compose: { bad: 'services:\\n  web:\\n    image: nginx:1.27\\n', good: 'services:\\n  web:\\n    image: nginx:1.27\\n' },
  kubernetes: { bad: 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\n', good: 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\n' },
  cross: { bad: 'services:\\n  web:\\n    image: nginx:1.27\\n', good: 'services:\\n  web:\\n    image: nginx:1.27\\n' },
};

function fail(message: string): never {
  console.error(`new-rule: ${message}\nusage: npm run new-rule -- <${Object.keys(FAMILIES).join('|')}> <kebab-case-name>`);
  process.exit(1);
}

/** The family's next unused id: one above the highest. */
function nextId(kind: Kind): string {
  // A folder may hold several families (kubernetes/: K8S and the cluster rules' KC).
  const numbers = ruleFiles(REPO_ROOT, kind)
    .filter((r) => /^\d+$/.test(r.id.slice(FAMILIES[kind].length)) && r.id.startsWith(FAMILIES[kind]))
    .map((r) => Number(r.id.slice(FAMILIES[kind].length)));
  return `${FAMILIES[kind]}${String(Math.max(0, ...numbers) + 1).padStart(3, '0')}`;
}

function ruleSource(kind: Kind, name: string, id: string): string {
  return `import { defineRule } from '../../rule';

export default defineRule({
  meta: {
    id: '${id}', name: '${name}', appliesTo: '${APPLIES_TO[kind]}',
    title: 'TODO: what is wrong, in a few words', severity: 'warning',
    threat: 'container-misconfiguration', principle: 'least-privilege',
    rationale: 'TODO: the attack this opens, and why it matters.',
    remediation: 'TODO: what to write instead.',
    references: [],
    aliases: [],
    messages: {
      found: 'TODO: the finding, naming {{what}}.',
    },
    examples: {
      bad: '${EXAMPLE[kind].bad}',
      good: '${EXAMPLE[kind].good}',
    },
    since: '${readVersion()}',
  },
  check({ ${MODEL[kind]}, report }) {
    // TODO: walk the model and report({ messageId: 'found', data: { what }, range }).
    void ${MODEL[kind]};
    void report;
  },
});
`;
}

function testSource(kind: Kind, name: string): string {
  return `import rule from '../../../server/src/engine/rules/${kind}/${name}';
import { dedent, ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    dedent\`
      ${EXAMPLE[kind].good.split('\\n').filter(Boolean).join('\n      ')}
    \`,
  ],
  invalid: [
    {
      name: 'TODO',
      code: dedent\`
        «TODO: the bad code, with the reported range between guillemets»
      \`,
      errors: [{ messageId: 'found' }],
    },
  ],
});
`;
}

function readVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Adds `line` as the first entry of "### Added" under "## [Unreleased]". */
function addChangelogLine(line: string): void {
  const file = path.join(REPO_ROOT, 'CHANGELOG.md');
  const text = fs.readFileSync(file, 'utf8');
  const unreleased = text.indexOf('## [Unreleased]');
  const added = text.indexOf('### Added\n', unreleased);
  if (unreleased < 0 || added < 0) fail('CHANGELOG.md has no "## [Unreleased]" / "### Added" section');
  const at = added + '### Added\n'.length;
  fs.writeFileSync(file, text.slice(0, at) + `${line}\n` + text.slice(at));
}

function writeNew(rel: string, content: string): void {
  const file = path.join(REPO_ROOT, rel);
  if (fs.existsSync(file)) fail(`${rel} already exists`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  console.log(`created ${rel}`);
}

const [kind, name] = process.argv.slice(2);
if (!(kind in FAMILIES)) fail(`unknown kind "${kind ?? ''}"`);
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name ?? '')) fail(`"${name ?? ''}" is not a kebab-case rule name`);
const ruleKind = kind as Kind;
const id = nextId(ruleKind);
writeNew(`${RULES_DIR}/${ruleKind}/${name}.ts`, ruleSource(ruleKind, name, id));
writeNew(`test/rules/${ruleKind}/${name}.test.ts`, testSource(ruleKind, name));
addChangelogLine(`- ${id} \`${name}\`: TODO one line on what it catches.`);
for (const [rel, content] of ruleIndexFiles(REPO_ROOT)) fs.writeFileSync(path.join(REPO_ROOT, rel), content);
console.log(`${id} ${name}: fill in the TODOs, then run npm run gen (rule page, README table, schema) and its test.`);
