import { defineRule } from '../../rule';
import { reportRepeatedKeys } from '../repeatedKeyReport';

export default defineRule({
  meta: {
    id: 'K8S085',
    name: 'no-duplicate-key',
    appliesTo: 'kubernetes',
    // Not `scope: 'document'`: the message names the line of the copy that applies, which a finding kept
    // for an unchanged document and moved with it when an earlier one grows would leave stale.
    title: 'Key written more than once in one map',
    severity: 'warning',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      "The keys of a YAML map must be unique. Kubernetes' decoders keep the last copy of a repeated field; `kubectl` with strict field validation (its default, `--validate=true`) rejects the object (`duplicate field`), and with `--validate=warn` or `false`, or through other tools, the last copy silently wins. A reviewer who reads `privileged: false` at the top of a `securityContext` easily misses the `privileged: true` below it, which is what runs. Bulkhead judges the copy that applies: the last, or, in a file with template expressions, the first (copies a template expression separates are mostly `if`/`else` branches of which one renders, and are not reported; a chart template is judged as rendered with its values, where copies that both render are).",
    remediation: 'Keep one copy of the key, with the value you mean, and delete the others.',
    references: [
      { standard: 'cwe', id: 436 },
      { standard: 'url', title: 'Kubernetes API concepts: validation for unrecognized or duplicate fields', href: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation' },
      {
        standard: 'url',
        title: 'Kubernetes objects: server side field validation (kubectl --validate, strict by default)',
        href: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#server-side-field-validation',
      },
    ],
    aliases: [],
    messages: { repeated: '"{{key}}" is also written at line {{line}}, the copy that applies: kubectl\'s strict field validation rejects the object, other tools silently keep one copy.' },
    fix: { applicability: 'safe', title: 'Remove this copy of {{key}} (the same value as line {{line}})' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n        runAsNonRoot: true\n        privileged: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n        privileged: false\n',
    },
    since: '0.1.0',
    related: ['DC028'],
  },
  check({ k8s, report }) {
    reportRepeatedKeys(report, k8s.documents, { templateBranches: true });
  },
});
