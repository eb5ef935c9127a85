import { defineRule } from '../../rule';
import { removeListEntries, yamlPrependOrAppendItem, yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, containerSecurity, isTemplatedPath, isWindowsPod } from '../../parse/kubernetes';
import { isScalar, isSeq } from '../../parse/yaml';
import { isEscalatingCapability, normalizeCapability, CAPABILITY_REFERENCES } from '../../policy/capabilities';
import { podSecurityGate } from '../../policy/podSecurity';

export default defineRule({
  meta: {
    id: 'K8S004',
    name: 'drop-all-capabilities',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Capabilities not dropped, or dangerous ones added',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'Container runtimes grant a default set of about fourteen capabilities (`NET_RAW` for packet spoofing, `CHOWN`, `SETUID`, `MKNOD`, …) that almost no application needs; each one is attack surface for the next kernel bug. Adding `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` or `ALL` hands a compromised process a documented escape route.',
    remediation:
      'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only `NET_BIND_SERVICE` if the process binds a port below 1024. Remove escape-grade capabilities from `add`.',
    references: CAPABILITY_REFERENCES,
    aliases: [
      { tool: 'kube-linter', id: 'privilege-escalation-container' },
      { tool: 'kubesec', id: 'CapDropAll' },
      { tool: 'kubesec', id: 'CapDropAny' },
      { tool: 'kubesec', id: 'CapSysAdmin' },
      { tool: 'checkov', id: 'CKV_K8S_37' },
      { tool: 'checkov', id: 'CKV_K8S_39' },
      { tool: 'trivy', id: 'AVD-KSV-0003' },
      { tool: 'trivy', id: 'AVD-KSV-0004' },
      { tool: 'trivy', id: 'AVD-KSV-0005' },
      { tool: 'trivy', id: 'AVD-KSV-0106' },
      { tool: 'trivy', id: 'AVD-KSV-0120' },
      { tool: 'polaris', id: 'insecureCapabilities' },
      { tool: 'polaris', id: 'dangerousCapabilities' },
    ],
    messages: {
      notDropped: 'Container "{{container}}" keeps the runtime\'s default capabilities: drop ALL.',
      dangerousAdded: 'Container "{{container}}" adds {{capability}}, a capability that allows escaping the container.',
    },
    fix: { applicability: 'unsafe', title: 'Drop all capabilities', review: 'the container loses the default capabilities (chown, setuid, ports below 1024 …); add back the ones it needs' },
    absent: ['notDropped'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: ["SYS_ADMIN"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_BIND_SERVICE"]\n',
    },
    since: '0.1.0',
    related: ['K8S002', 'DC003', 'DC010'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const object = c.podSpec.object;
      const caps = containerSecurity(c, 'capabilities');
      const dropPair = doc.pair(caps, 'drop');
      const drop = doc.deref(dropPair?.value);
      const dropsAll = doc.items(drop).some((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'ALL');
      // Windows pods have no Linux capabilities to drop (the Pod Security Standards exempt them).
      if (!dropsAll && gate.applies(object, 'capabilitiesRestricted') && !isWindowsPod(c.podSpec) && !isTemplatedPath(doc, c.node, 'securityContext', 'capabilities', 'drop')) {
        const fix = () => [drop && isSeq(drop) ? yamlPrependOrAppendItem(doc, drop, 'ALL') : yamlSet(doc, c.node, ['securityContext', 'capabilities', 'drop'], ['ALL'], CONTAINER_KEY_ORDER)];
        report({ messageId: 'notDropped', data: { container: c.name }, range: doc.rangeOf(dropPair ? dropPair.key : c.anchor), fix });
      }
      const addPair = doc.pair(caps, 'add');
      const add = doc.deref(addPair?.value);
      const entries = doc.items(add);
      const dangerous = entries.filter((i) => isScalar(i) && isEscalatingCapability(String(i.value)));
      if (!caps || !addPair || !add || dangerous.length === 0 || !gate.applies(object, 'capabilitiesBaseline')) continue;
      // One edit for every dangerous entry, shared by their findings: any of them cleans the list.
      // When nothing safe is left, the whole `add` key goes rather than an empty list.
      const removal = removeListEntries(doc, caps, addPair, dangerous);
      for (const item of dangerous) {
        report({
          messageId: 'dangerousAdded',
          data: { container: c.name, capability: normalizeCapability(String((item as { value: unknown }).value)) },
          range: doc.rangeOf(item),
          fix: removal,
          fixTitle: 'Remove escape-grade capabilities',
        });
      }
    }
  },
});
