import { defineRule } from '../../rule';

export default defineRule({
  meta: {
    id: 'K8S066',
    name: 'no-secret-as-env',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Secret is passed through environment variables',
    severity: 'info',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'Environment variables leak: crash reports, debug endpoints and `/proc/<pid>/environ` expose them, child processes inherit them, and they never change until the pod restarts. A Secret mounted as a file stays on a tmpfs, can be read only where needed and is updated in place when rotated.',
    remediation: 'Mount the Secret as a volume (`volumes[].secret` + `volumeMounts`, `readOnly: true`) and have the application read the file (many frameworks accept `*_FILE` variables).',
    references: [
      { standard: 'url', title: 'CIS Kubernetes Benchmark 5.4.1: Prefer using secrets as files over secrets as environment variables', href: 'https://www.cisecurity.org/benchmark/kubernetes' },
      { standard: 'cwe', id: 526 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'read-secret-from-env-var' },
      { tool: 'kubesec', id: 'SecretsAsEnvironmentVariables' },
      { tool: 'checkov', id: 'CKV_K8S_35' },
    ],
    messages: {
      secretKeyRef: 'Container "{{container}}" reads Secret "{{secret}}" into environment variable {{variable}}.',
      secretRef: 'Container "{{container}}" loads every key of Secret "{{secret}}" into its environment.',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db/password\n      volumeMounts:\n        - {name: db, mountPath: /run/secrets/db, readOnly: true}\n  volumes:\n    - name: db\n      secret: {secretName: db}\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      for (const item of doc.items(doc.get(c.node, 'env'))) {
        const pair = doc.pair(doc.get(item, 'valueFrom'), 'secretKeyRef');
        if (!pair) continue;
        report({
          messageId: 'secretKeyRef',
          data: { container: c.name, secret: String(doc.scalar(pair.value, 'name') ?? ''), variable: String(doc.scalar(item, 'name') ?? '') },
          range: doc.rangeOf(pair.key),
        });
      }
      for (const item of doc.items(doc.get(c.node, 'envFrom'))) {
        const pair = doc.pair(item, 'secretRef');
        if (pair) report({ messageId: 'secretRef', data: { container: c.name, secret: String(doc.scalar(pair.value, 'name') ?? '') }, range: doc.rangeOf(pair.key) });
      }
    }
  },
});
