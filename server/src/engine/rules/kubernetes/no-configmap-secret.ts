import { defineRule } from '../../rule';
import { isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import type { Range } from '../../model';
import { detectSecret, scanText, type SecretMatch } from '../../policy/secrets';

/**
 * Where a secret on line `line` of a value is: that source line for a literal block (`|`), whose
 * lines map one to one; the value itself otherwise (folded and quoted scalars rewrap lines).
 */
function lineRange(doc: YamlDocument, value: Node, line: number): Range {
  const whole = doc.rangeOf(value);
  if (!isScalar(value) || value.type !== 'BLOCK_LITERAL') return whole;
  const sourceLine = whole.start.line + 1 + line;
  const text = doc.src.lineText(sourceLine);
  const start = text.length - text.trimStart().length;
  return { start: { line: sourceLine, character: start }, end: { line: sourceLine, character: text.trimEnd().length } };
}

const messageFor = (m: SecretMatch) => (m.reason === 'format' ? 'tokenValue' : m.weak ? 'weakPassword' : 'secretValue');

export default defineRule({
  meta: {
    id: 'K8S081',
    name: 'no-configmap-secret',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Credential stored in a ConfigMap',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'ConfigMaps are meant for non-confidential settings: RBAC roles grant `get` on them freely, they are not encrypted at rest even where Secrets are, and tools print them in logs and dashboards. A password or token in one (directly or inside an embedded config file) is readable by far more people and workloads than the application that needs it, and it lives in the repository history.',
    remediation:
      'Move the credential to a Secret supplied outside the repository (external secret operator, Sealed Secrets, your deployment pipeline) and mount it next to the configuration; most applications accept a separate credentials file or an environment variable that overrides the config value. Rotate any credential that was committed.',
    references: [
      { standard: 'cwe', id: 312 },
      { standard: 'cwe', id: 798 },
      { standard: 'url', title: 'Kubernetes: ConfigMaps (not for confidential data)', href: 'https://kubernetes.io/docs/concepts/configuration/configmap/' },
    ],
    aliases: [
      { tool: 'trivy', id: 'AVD-KSV-0109' },
      { tool: 'trivy', id: 'AVD-KSV-01010' },
      { tool: 'polaris', id: 'sensitiveConfigmapContent' },
    ],
    messages: {
      secretValue: 'ConfigMap "{{configMap}}" holds a literal credential in {{where}}; ConfigMaps are not confidential.',
      weakPassword: 'ConfigMap "{{configMap}}" holds a well-known weak default password in {{where}}.',
      tokenValue: 'ConfigMap "{{configMap}}" holds a {{format}} in {{where}}; ConfigMaps are not confidential.',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB_HOST: db\n  DB_PASSWORD: hunter2hunter2\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB_HOST: db\n  DB_PASSWORD_FILE: /etc/app/secrets/db_password\n',
    },
    since: '0.2.0',
    related: ['K8S080', 'K8S083'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'ConfigMap') continue;
      const doc = object.doc;
      const configMap = object.name ?? '';
      for (const { key, pair } of doc.entries(doc.get(object.node, 'data'))) {
        const value = doc.deref(pair.value);
        if (!isScalar(value) || typeof value.value !== 'string' || doc.isTemplated(value)) continue;
        const text = value.value;
        const match = /[\r\n]./.test(text.trimEnd()) ? undefined : detectSecret(key, text);
        if (match) {
          report({ messageId: messageFor(match), data: { configMap, where: `key ${key}`, ...(match.format ? { format: match.format } : {}) }, range: doc.rangeOf(value) });
          continue;
        }
        // A config file (or a one-line `db.password=…`): each assignment and token inside it, named by its setting, never its value.
        for (const hit of scanText(text)) {
          const where = hit.reason === 'format' ? `${key} (line ${hit.line + 1})` : `${key} (${hit.name})`;
          report({ messageId: messageFor(hit), data: { configMap, where, ...(hit.format ? { format: hit.format } : {}) }, range: lineRange(doc, value, hit.line) });
        }
      }
    }
  },
});
