import { defineRule } from '../../rule';
import { describeSetting, environmentEntries, serviceSettings, type ComposeService, type EnvironmentEntry } from '../../parse/compose';
import type { Node, YamlDocument } from '../../parse/yaml';
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
    remediation: 'Declare a top-level `secrets:` entry (from a file outside the repository or an environment variable), grant it to the service with `secrets: [db_password]`, and point the application at `/run/secrets/db_password` (many images accept `<NAME>_FILE`). At the very least, interpolate it: `DB_PASSWORD: ${DB_PASSWORD:?set it in .env}`.',
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
    fix: { applicability: 'display-only', title: 'Move {{name}} to a Compose secret' },
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
      const data = { service, name, ...(match.format ? { format: match.format } : {}), ...(literal.variable ? { variable: literal.variable } : {}) };
      report({ messageId, data, range: doc.rangeOf(node), fix: [], related });
    }
  },
});
