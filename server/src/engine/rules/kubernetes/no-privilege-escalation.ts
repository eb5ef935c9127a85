import { defineRule } from '../../rule';
import { replace, yamlSet } from '../../fixer';
import { CONTAINER_KEY_ORDER } from '../../parse/kubernetes';

export default defineRule({
  meta: {
    id: 'K8S002', name: 'no-privilege-escalation', appliesTo: 'kubernetes',
    title: 'Container allows privilege escalation', severity: 'warning',
    threat: 'container-escape', principle: 'least-privilege',
    rationale: 'Unless `allowPrivilegeEscalation: false` is set, a process can gain more privileges than its parent through setuid binaries or file capabilities (the `no_new_privs` flag stays off). An attacker with code execution as a non-root user then climbs to root inside the container, the first step of most escapes.',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container. Only workloads that must run setuid binaries (rare; `sudo`, `ping` on old images) need it, and they should be redesigned.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Privilege Escalation' },
      { standard: 'cwe', id: 269 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'privilege-escalation-container' }, { tool: 'checkov', id: 'CKV_K8S_20' },
      { tool: 'trivy', id: 'AVD-KSV-0001' }, { tool: 'polaris', id: 'privilegeEscalationAllowed' },
    ],
    messages: {
      allowed: 'Container "{{container}}" sets allowPrivilegeEscalation: true.',
      notDisabled: 'Container "{{container}}" does not set allowPrivilegeEscalation: false, so setuid binaries can raise its privileges.',
    },
    fix: { applicability: 'unsafe', title: 'Set allowPrivilegeEscalation: false (review)' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
    since: '0.1.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const node = doc.get(c.node, 'securityContext', 'allowPrivilegeEscalation');
      const value = doc.scalar(c.node, 'securityContext', 'allowPrivilegeEscalation');
      if (value === false) continue;
      if (node && value === true) {
        report({ messageId: 'allowed', data: { container: c.name }, range: doc.rangeOf(node), fix: [replace(doc.rangeOf(node), 'false')] });
      } else if (!node) {
        report({ messageId: 'notDisabled', data: { container: c.name }, range: doc.rangeOf(c.anchor), fix: [yamlSet(doc, c.node, ['securityContext', 'allowPrivilegeEscalation'], false, CONTAINER_KEY_ORDER)] });
      }
    }
  },
});
