import { defineRule } from '../../rule';
import { yamlCommandSecrets } from '../../policy/commandSecrets';
import { redact } from '../../policy/secrets';

export default defineRule({
  meta: {
    id: 'K8S084',
    name: 'no-secret-in-command',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Credential passed in a container command line',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      "A password in a container's `command` or `args` (`--requirepass x`, `--password=x`, `mysql -psecret`, `PGPASSWORD=x psql` in a `sh -c` script) is in the repository history and in the object stored by the API server, readable by anyone who can `get` the workload (a far wider group than those who can read Secrets), and visible in `ps` on the node.",
    remediation:
      'Keep the credential in a Secret and pass it through the environment, which Kubernetes expands in `args`: `env: [{name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: redis, key: password}}}]` with `args: ["--requirepass", "$(REDIS_PASSWORD)"]`, or mount it as a file and have the program read it. Rotate the value: it is in the repository history.',
    references: [
      { standard: 'cwe', id: 214 },
      { standard: 'cwe', id: 798 },
      { standard: 'url', title: 'Kubernetes: Good practices for Kubernetes Secrets', href: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
    aliases: [],
    messages: {
      secret: 'Container "{{container}}" passes a credential with {{flag}} on its command line ({{redacted}}).',
      weak: 'Container "{{container}}" passes a well-known weak password with {{flag}} on its command line ({{redacted}}).',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n    - name: redis\n      image: redis:7.4\n      args: ["--requirepass", "s3cr3t-Pa55w0rd"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n    - name: redis\n      image: redis:7.4\n      args: ["--requirepass", "$(REDIS_PASSWORD)"]\n      env:\n        - name: REDIS_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: redis, key: password}\n',
    },
    since: '0.3.0',
    related: ['K8S080', 'DF037'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      for (const found of yamlCommandSecrets(doc, [doc.get(c.node, 'command'), doc.get(c.node, 'args')])) {
        report({ messageId: found.weak ? 'weak' : 'secret', data: { container: c.name, flag: found.flag, redacted: redact(found.value) }, range: doc.src.rangeOf(found.start, found.end) });
      }
    }
  },
});
