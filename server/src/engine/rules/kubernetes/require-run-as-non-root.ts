import { defineRule } from '../../rule';
import { replace, yamlSet } from '../../fixer';
import { CONTAINER_KEY_ORDER, effectiveSecurity, type Container } from '../../parse/kubernetes';
import type { Node } from '../../parse/yaml';

/** The non-root UID the fix sets: the same one Bulkhead's Dockerfile fix creates. */
const NON_ROOT_UID = 10001;

export default defineRule({
  meta: {
    id: 'K8S003', name: 'require-run-as-non-root', appliesTo: 'kubernetes',
    title: 'Container may run as root', severity: 'warning',
    threat: 'container-escape', principle: 'least-privilege',
    rationale: 'Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image names, and most images default to root. A process running as UID 0 turns any kernel bug, writable hostPath or extra capability into host compromise. `runAsUser: 0` asks for root explicitly.',
    remediation: 'Set `runAsNonRoot: true` (pod or container securityContext) and a non-zero `runAsUser`, and build the image with a numeric non-root `USER` so the kubelet can verify it.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root' },
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root user' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'run-as-non-root' }, { tool: 'checkov', id: 'CKV_K8S_23' }, { tool: 'checkov', id: 'CKV_K8S_40' },
      { tool: 'trivy', id: 'AVD-KSV-0012' }, { tool: 'trivy', id: 'AVD-KSV-0105' }, { tool: 'kubesec', id: 'RunAsNonRoot' },
      { tool: 'polaris', id: 'runAsRootAllowed' },
    ],
    messages: {
      rootUser: 'Container "{{container}}" runs as UID 0 (root).',
      runAsNonRootFalse: 'Container "{{container}}" sets runAsNonRoot: false.',
      notEnforced: 'Container "{{container}}" does not require a non-root user (runAsNonRoot: true), so it runs as root if the image does.',
    },
    fix: { applicability: 'unsafe', title: 'Require a non-root user (review)' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.1.0', related: ['DF001'],
  },
  check({ k8s, report }) {
    // A pod-level value is one finding for all the containers that inherit it.
    const byNode = new Map<Node, { containers: Container[]; messageId: 'rootUser' | 'runAsNonRootFalse'; fixText: string }>();
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const user = effectiveSecurity(c, 'runAsUser');
      const nonRoot = effectiveSecurity(c, 'runAsNonRoot');
      if (user && user.value === 0) {
        const entry = byNode.get(user.node) ?? { containers: [], messageId: 'rootUser' as const, fixText: String(NON_ROOT_UID) };
        entry.containers.push(c);
        byNode.set(user.node, entry);
      } else if (nonRoot && nonRoot.value === false) {
        const entry = byNode.get(nonRoot.node) ?? { containers: [], messageId: 'runAsNonRootFalse' as const, fixText: 'true' };
        entry.containers.push(c);
        byNode.set(nonRoot.node, entry);
      } else if (nonRoot?.value !== true && !(typeof user?.value === 'number' && user.value > 0)) {
        report({ messageId: 'notEnforced', data: { container: c.name }, range: doc.rangeOf(c.anchor), fix: [yamlSet(doc, c.node, ['securityContext', 'runAsNonRoot'], true, CONTAINER_KEY_ORDER)] });
      }
    }
    for (const [node, { containers, messageId, fixText }] of byNode) {
      const doc = containers[0].podSpec.object.doc;
      report({ messageId, data: { container: containers.map((c) => c.name).join('", "') }, range: doc.rangeOf(node), fix: [replace(doc.rangeOf(node), fixText)] });
    }
  },
});
