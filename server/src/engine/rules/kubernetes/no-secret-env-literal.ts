import { defineRule } from '../../rule';
import { indentUnit, replace } from '../../fixer';
import { envEntries } from '../../parse/k8sObjects';
import { isMap, isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import type { Container } from '../../parse/kubernetes';
import type { TextEdit } from '../../model';
import { detectSecret } from '../../policy/secrets';

/**
 * Replaces `value: <literal>` with a `valueFrom.secretKeyRef` in the same style. The Secret it names
 * does not exist yet: the fix only takes the credential out of the manifest, hence "unsafe (review)".
 */
function secretRefEdit(doc: YamlDocument, entry: Node, valueKey: Node, valueNode: Node, secret: string, key: string): TextEdit {
  const src = doc.src;
  const [start] = doc.offsets(valueKey);
  let end = doc.offsets(valueNode)[1];
  // A block scalar's range ends after its line break; the lines after it stay where they are.
  while (end > start && /[\r\n]/.test(src.text[end - 1])) end--;
  const range = src.rangeOf(start, end);
  if (isMap(entry) && entry.flow) return replace(range, `valueFrom: {secretKeyRef: {name: ${secret}, key: ${key}}}`);
  const indent = ' '.repeat(range.start.character);
  const unit = indentUnit(src);
  const eol = src.eol;
  return replace(range, `valueFrom:${eol}${indent}${unit}secretKeyRef:${eol}${indent}${unit}${unit}name: ${secret}${eol}${indent}${unit}${unit}key: ${key}`);
}

/** Secret names are DNS subdomains: lower case, digits, `-` and `.`. */
function secretName(c: Container): string {
  const base = (c.podSpec.object.name ?? c.name).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'app'}-secrets`;
}

export default defineRule({
  meta: {
    id: 'K8S080', name: 'no-secret-env-literal', appliesTo: 'kubernetes',
    title: 'Credential written as a literal environment value', severity: 'error',
    threat: 'exposed-secrets', principle: 'defence-in-depth',
    rationale: 'A password or token written as `value:` in a manifest is in the repository history, in every clone and CI log, in the object stored by the API server (readable by anyone who can `get` the workload, a far wider group than those who can read Secrets) and in `kubectl describe` output. A weak default like `changeme` is the first thing an attacker tries.',
    remediation: 'Keep the credential in a Secret (created by an external secret operator, Sealed Secrets or your deployment pipeline, not committed) and reference it: `valueFrom: {secretKeyRef: {name: app-secrets, key: db_password}}`. Mounting the Secret as a file is better still: environments leak into crash dumps and child processes. Rotate any credential that was committed.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 526 },
      { standard: 'url', title: 'Kubernetes: Good practices for Kubernetes Secrets', href: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
    aliases: [{ tool: 'kube-linter', id: 'env-var-secret' }, { tool: 'polaris', id: 'sensitiveContainerEnvVar' }],
    messages: {
      secretValue: 'Container "{{container}}" sets {{name}} to a literal credential.',
      weakPassword: 'Container "{{container}}" sets {{name}} to a well-known weak default password.',
      tokenValue: 'Container "{{container}}" sets {{name}} to a literal credential ({{format}}).',
    },
    fix: { applicability: 'unsafe', title: 'Read the value from a Secret with secretKeyRef (review)' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: DB_PASSWORD\n          value: changeme\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: api-secrets\n              key: db_password\n',
    },
    since: '0.2.0', related: ['DC005', 'DF003'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      for (const entry of envEntries(c)) {
        const pair = entry.valuePair;
        const value = doc.deref(pair?.value);
        // Numbers and booleans are never credentials; a template decides its own value.
        if (!pair || !isScalar(value) || typeof value.value !== 'string' || doc.isTemplated(value)) continue;
        const match = detectSecret(entry.name, value.value);
        if (!match) continue;
        const messageId = match.reason === 'format' ? 'tokenValue' : match.weak ? 'weakPassword' : 'secretValue';
        const secret = secretName(c);
        const key = entry.name.toLowerCase().replace(/[^a-z0-9._-]/g, '_'); // Secret keys allow [-._a-zA-Z0-9]
        report({
          messageId, data: { container: c.name, name: entry.name, ...(match.format ? { format: match.format } : {}) },
          range: doc.rangeOf(value),
          fix: [secretRefEdit(doc, entry.node, pair.key as Node, pair.value as Node, secret, key)],
          fixTitle: `Read ${entry.name} from Secret "${secret}", key "${key}" (review)`,
        });
      }
    }
  },
});
