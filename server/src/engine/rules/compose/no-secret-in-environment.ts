import { defineRule } from '../../rule';
import { describeSetting, environmentEntries, serviceSettings, type ComposeService, type EnvironmentEntry } from '../../parse/compose';
import { indentUnit, insertLinesAtEnd, insertPair, replace, yamlPrependOrAppendItem } from '../../fixer';
import type { TextEdit } from '../../model';
import { isMap, isScalar, isSeq, type Node, type YamlDocument } from '../../parse/yaml';
import { detectSecret } from '../../policy/secrets';

/** `${VAR:-default}` / `${VAR-default}` as the whole value: the default is what runs when VAR is unset. */
const ONLY_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}$/;

/** The literal a value amounts to: itself, a default, or nothing when it is interpolated at run time. */
function literalOf(value: string): { literal: string; variable?: string } | undefined {
  const m = ONLY_DEFAULT.exec(value);
  if (m) return { literal: m[2], variable: m[1] };
  // `$$` is Compose's escape for a literal `$`; any other `$` interpolates.
  const escaped = value.replace(/\$\$/g, '');
  if (escaped.includes('$')) return undefined;
  return { literal: value.replace(/\$\$/g, '$') };
}

export default defineRule({
  meta: {
    id: 'DC005', name: 'no-secret-in-environment', appliesTo: 'compose',
    title: 'Plaintext secret in service environment', severity: 'error',
    threat: 'exposed-secrets', principle: 'defence-in-depth',
    rationale: 'A credential written in `environment:` lives in the repository history, in every clone and CI log that prints the config, and in `docker inspect` output for anyone with access to the Docker API. A weak default like `changeme` is the first thing an attacker tries.',
    remediation: 'Declare a top-level `secrets:` entry (from a file outside the repository or an environment variable), grant it to the service with `secrets: [db_password]`, and point the application at `/run/secrets/db_password` (many images accept `<NAME>_FILE`). At the very least, interpolate it: `DB_PASSWORD: ${DB_PASSWORD:?set it in .env}`. The fix writes the Compose side (`<NAME>_FILE`, the service\'s `secrets:`, a top-level entry reading `./secrets/<name>.txt`); then put the value in that file, keep the file out of Git, rotate the old value, and check that the image reads `<NAME>_FILE` (the official postgres, mysql and mariadb images do; others need a small entrypoint change).',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 521 },
    ],
    aliases: [],
    messages: {
      secretValue: 'Service "{{service}}" sets {{name}} to a literal credential.',
      weakPassword: 'Service "{{service}}" sets {{name}} to a well-known weak password.',
      tokenValue: 'Service "{{service}}" sets {{name}} to a literal credential ({{format}}).',
      secretDefault: 'Service "{{service}}" defaults {{name}} to a literal credential when {{variable}} is unset.',
    },
    fix: { applicability: 'unsafe', title: 'Move {{name}} to a Compose secret read through {{name}}_FILE (review)' },
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: changeme\n',
      good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    },
    since: '0.1.0', related: ['DF003'],
  },
  check({ compose, report }) {
    // A variable merged into several environments (`<<: *common-env`) is one finding, where it is written.
    const byNode = new Map<Node, { doc: YamlDocument; entry: EnvironmentEntry; services: ComposeService[]; inheritedBy: ComposeService[] }>();
    for (const setting of serviceSettings(compose, 'environment')) {
      for (const entry of environmentEntries(setting.doc, setting.pair.value)) {
        const seen = byNode.get(entry.node) ?? { doc: setting.doc, entry, services: [], inheritedBy: [] };
        seen.services.push(...setting.services);
        seen.inheritedBy.push(...(entry.merged ? setting.services : setting.inheritedBy));
        byNode.set(entry.node, seen);
      }
    }
    for (const { doc, entry: { name, value, node }, ...sharedBy } of byNode.values()) {
      if (value === undefined || doc.isTemplated(node)) continue;
      const literal = literalOf(value);
      if (!literal) continue;
      const match = detectSecret(name, literal.literal);
      if (!match) continue;
      const { service, related } = describeSetting(sharedBy);
      const messageId = literal.variable ? 'secretDefault' : match.reason === 'format' ? 'tokenValue' : match.reason === 'weak' ? 'weakPassword' : 'secretValue';
      const secret = name.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
      const file = `./secrets/${secret}.txt`;
      const data = { service, name, file, ...(match.format ? { format: match.format } : {}), ...(literal.variable ? { variable: literal.variable } : {}) };
      // One service writing the variable itself: shared or merged ones would move for every sharer.
      const owner = sharedBy.services.length === 1 && sharedBy.inheritedBy.length === 0 ? sharedBy.services[0] : undefined;
      report({ messageId, data, range: doc.rangeOf(node), fix: owner ? moveToSecret(owner, doc, node, name, secret, file) : [], related });
    }
  },
});

/**
 * The edits of "move to a Compose secret": `NAME: value` becomes `NAME_FILE: /run/secrets/<secret>`,
 * the service is granted the secret, and a top-level `secrets:` entry reads it from `file`.
 */
function moveToSecret(service: ComposeService, doc: YamlDocument, node: Node, name: string, secret: string, file: string): TextEdit[] {
  const target = `/run/secrets/${secret}`;
  const pair = isScalar(node) && typeof node.value === 'string' && node.value.startsWith(`${name}=`) ? undefined : doc.pair(doc.get(service.node, 'environment'), name);
  const variable = pair
    ? replace({ start: doc.rangeOf(pair.key as Node).start, end: doc.rangeOf(pair.value as Node).end }, `${name}_FILE: ${target}`)
    : replace(doc.rangeOf(node), `${name}_FILE=${target}`);
  const granted = doc.get(service.node, 'secrets');
  const grant = isSeq(granted) ? yamlPrependOrAppendItem(doc, granted, secret) : insertPair(doc, service.node, 'secrets', [secret]);
  const declared = doc.get(doc.contents, 'secrets');
  const declaration = isMap(declared)
    ? insertPair(doc, declared, secret, { file })
    : insertLinesAtEnd(doc.src, ['secrets:', `${indentUnit(doc.src)}${secret}:`, `${indentUnit(doc.src).repeat(2)}file: ${file}`]);
  return [variable, grant, declaration];
}
