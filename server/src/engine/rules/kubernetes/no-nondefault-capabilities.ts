import { defineRule } from '../../rule';
import { containerSecurity, isWindowsPod } from '../../parse/kubernetes';
import { removeListEntries } from '../../edits/yaml';
import { isScalar, type Node } from '../../parse/yaml';
import { isEscalatingCapability, normalizeCapability, CAPABILITY_REFERENCES } from '../../policy/capabilities';
import { BASELINE_ADDABLE_CAPABILITIES, RESTRICTED_ADDABLE_CAPABILITY, podSecurityGate } from '../../policy/podSecurity';

export default defineRule({
  meta: {
    id: 'K8S018',
    name: 'no-nondefault-capabilities',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Capability added beyond the Pod Security Standards allow-list',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "The baseline profile lets a container add back only the runtime's default capabilities (minus `NET_RAW`); anything else (`IPC_LOCK`, `SYS_NICE`, `SYS_RESOURCE`, `NET_BROADCAST`, …) reaches kernel features shared with the node. The restricted profile allows only `NET_BIND_SERVICE`. Escape-grade capabilities are reported as errors by K8S004 and `NET_RAW` by K8S019.",
    remediation:
      'Remove the capability from `securityContext.capabilities.add` (the Pod Security admission check compares names exactly: write `CHOWN`, not `chown` or `CAP_CHOWN`); if the workload really needs it, run it in a namespace whose Pod Security level allows it and document why.',
    references: CAPABILITY_REFERENCES,
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_25' },
      { tool: 'checkov', id: 'CKV_K8S_24' },
      { tool: 'checkov', id: 'CKV_K8S_36' },
      { tool: 'trivy', id: 'AVD-KSV-0022' },
      { tool: 'trivy', id: 'AVD-KSV-0106' },
    ],
    messages: {
      notAllowed: 'Container "{{container}}" adds {{capability}}, which the baseline Pod Security Standard does not allow.',
      notAllowedRestricted: 'Container "{{container}}" adds {{capability}}; the restricted Pod Security Standard allows adding only NET_BIND_SERVICE.',
    },
    fix: { applicability: 'unsafe', title: 'Remove the capabilities the profile does not allow', review: 'the container loses those capabilities; check it does not need them' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["IPC_LOCK"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_BIND_SERVICE"]\n',
    },
    since: '0.2.0',
    related: ['K8S004', 'K8S019'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const object = c.podSpec.object;
      const caps = containerSecurity(c, 'capabilities');
      const addPair = doc.pair(caps, 'add');
      if (!caps || !addPair) continue;
      // Windows pods are exempt from the restricted capabilities control.
      const restricted = gate.applies(object, 'capabilitiesRestricted') && !isWindowsPod(c.podSpec);
      const baseline = gate.applies(object, 'capabilitiesBaseline');
      const offending: Array<{ item: Node; capability: string; messageId: 'notAllowed' | 'notAllowedRestricted' }> = [];
      for (const item of doc.items(addPair.value)) {
        if (!isScalar(item) || typeof item.value !== 'string' || doc.isTemplated(item)) continue;
        const capability = normalizeCapability(item.value);
        // Escape-grade capabilities are K8S004's, NET_RAW is K8S019's.
        if (isEscalatingCapability(capability) || capability === 'NET_RAW') continue;
        // The admission check compares names exactly: `chown` or `CAP_CHOWN` is not on its list.
        if (!BASELINE_ADDABLE_CAPABILITIES.has(item.value.trim())) {
          if (baseline) offending.push({ item, capability, messageId: 'notAllowed' });
        } else if (item.value.trim() !== RESTRICTED_ADDABLE_CAPABILITY && restricted) {
          offending.push({ item, capability, messageId: 'notAllowedRestricted' });
        }
      }
      if (offending.length === 0) continue;
      const fix = removeListEntries(
        doc,
        caps,
        addPair,
        offending.map((o) => o.item),
      );
      for (const o of offending) report({ messageId: o.messageId, data: { container: c.name, capability: o.capability }, range: doc.rangeOf(o.item), fix });
    }
  },
});
