import { defineRule } from '../../rule';
import { indentUnit } from '../../edits/yaml';
import { replace } from '../../edits/text';
import { envEntries } from '../../parse/k8sObjects';
import { isMap, isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import type { Container } from '../../parse/kubernetes';
import type { TextEdit } from '../../model';
import { detectSecret } from '../../policy/secrets';
import { MovedSecretsPlan } from '../../movedSecrets';
import { baseName } from '../../detect';
import { dirname } from '../../workspace/paths';
import type { WorkspaceFacts } from '../../workspace/facts';
import { planSecretManifest, secretKey, type SecretManifest } from './secretManifest';

/** Replaces `value: <literal>` with a `valueFrom.secretKeyRef` in the same style. */
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
  const base = (c.podSpec.object.name ?? c.name)
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'app'}-secrets`;
}

export default defineRule({
  meta: {
    id: 'K8S080',
    name: 'no-secret-env-literal',
    appliesTo: 'kubernetes',
    title: 'Credential written as a literal environment value',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A password or token written as `value:` in a manifest is in the repository history, in every clone and CI log, in the object stored by the API server (readable by anyone who can `get` the workload, a far wider group than those who can read Secrets) and in `kubectl describe` output. A weak default like `changeme` is the first thing an attacker tries.',
    remediation:
      'Keep the credential in a Secret (created by an external secret operator, Sealed Secrets or your deployment pipeline, not committed) and reference it: `valueFrom: {secretKeyRef: {name: app-secrets, key: db_password}}`. Mounting the Secret as a file is better still: environments leak into crash dumps and child processes. The fix keeps the value and a pod that starts: it writes the value into a Secret manifest beside this file (`<workload>-secrets.secret.yaml`, created by the fix and added to `.gitignore`) and references it with `secretKeyRef`. What is left to you: apply that Secret with the workload (`kubectl apply -f` on the folder does; a kustomization or pipeline has to list it or create the Secret its own way), give other clusters and checkouts their own copy (Git no longer carries it) or better replace it with an external secret store or Sealed Secrets, and rotate the value, which stays in the repository history. In a Helm chart, or with no folder open, the fix is not offered: a file beside a template would ship inside the chart.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 526 },
      { standard: 'url', title: 'Kubernetes: Good practices for Kubernetes Secrets', href: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'env-var-secret' },
      { tool: 'polaris', id: 'sensitiveContainerEnvVar' },
    ],
    messages: {
      secretValue: 'Container "{{container}}" sets {{name}} to a literal credential.',
      weakPassword: 'Container "{{container}}" sets {{name}} to a well-known weak default password.',
      tokenValue: 'Container "{{container}}" sets {{name}} to a literal credential ({{format}}).',
    },
    fix: {
      applicability: 'unsafe',
      title: 'Move {{name}} to Secret "{{secret}}" (key {{key}}) kept in {{file}}, git-ignored, and read it with secretKeyRef',
      review: 'the Secret file must be applied to the cluster before the workload',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: DB_PASSWORD\n          value: changeme\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: api-secrets\n              key: db_password\n',
    },
    since: '0.2.0',
    related: ['DC005', 'DF003'],
  },
  check({ k8s, report, workspace, src }) {
    const found: Array<{ c: Container; name: string; value: string; messageId: 'secretValue' | 'weakPassword' | 'tokenValue'; format?: string; valueKey: Node; valueNode: Node; entry: Node }> = [];
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
        found.push({ c, name: entry.name, value: value.value, messageId, format: match.format, valueKey: pair.key as Node, valueNode: pair.value as Node, entry: entry.node });
      }
    }
    // The value is kept in a Secret manifest beside the file; with no workspace, or in a chart (the file
    // would ship inside it), there is no place for it and the fix is display-only.
    const plan = workspace && !src.hasTemplates && !inHelmChart(workspace) ? new MovedSecretsPlan(workspace) : undefined;
    const manifests = new Map<string, SecretManifest>();
    const moves = found.map((f) => {
      const manifest = plan && planSecretManifest(plan, f.c.podSpec.object, secretName(f.c), manifests);
      const key = manifest?.keyFor(f.name, f.value);
      return manifest && key ? { manifest, key } : undefined;
    });
    const source = baseName(src.uri);
    if (plan) for (const m of manifests.values()) plan.keep(m.path, m.text(source));
    const ignore = plan?.ignoreEdits() ?? [];
    found.forEach((f, i) => {
      const move = moves[i];
      const doc = f.c.podSpec.object.doc;
      const secret = move?.manifest.name ?? secretName(f.c);
      const key = move?.key ?? secretKey(f.name);
      const fileEdit = move?.manifest.fileEdit(source);
      report({
        messageId: f.messageId,
        data: { container: f.c.name, name: f.name, secret, key, file: `${secret}.secret.yaml`, ...(f.format ? { format: f.format } : {}) },
        range: doc.rangeOf(f.valueNode),
        fix: move ? [secretRefEdit(doc, f.entry, f.valueKey, f.valueNode, secret, key)] : [],
        ...(move ? { fileEdits: [...(fileEdit ? [fileEdit] : []), ...ignore] } : {}),
      });
    });
  },
});

/** Whether the file is a Helm chart's template (`templates/` beside a `Chart.yaml`). */
function inHelmChart(facts: WorkspaceFacts): boolean {
  const dir = facts.documentDir;
  return baseName(dir) === 'templates' && facts.read(`${dirname(dir)}/Chart.yaml`) !== undefined;
}
