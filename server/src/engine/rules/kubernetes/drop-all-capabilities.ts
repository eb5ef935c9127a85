import { defineRule } from '../../rule';
import { yamlPrependOrAppendItem, yamlRemoveItems, yamlSet } from '../../fixer';
import { CONTAINER_KEY_ORDER } from '../../parse/kubernetes';
import { isScalar, isSeq } from '../../parse/yaml';
import { isDangerousCapability, normalizeCapability } from '../../policy/capabilities';

export default defineRule({
  meta: {
    id: 'K8S004', name: 'drop-all-capabilities', appliesTo: 'kubernetes',
    title: 'Capabilities not dropped, or dangerous ones added', severity: 'warning',
    threat: 'container-escape', principle: 'least-privilege',
    rationale: 'Container runtimes grant a default set of about fourteen capabilities (`NET_RAW` for packet spoofing, `CHOWN`, `SETUID`, `MKNOD`, …) that almost no application needs; each one is attack surface for the next kernel bug. Adding `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` or `ALL` hands a compromised process a documented escape route.',
    remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only `NET_BIND_SERVICE` if the process binds a port below 1024. Remove escape-grade capabilities from `add`.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Capabilities' },
      { standard: 'pss', level: 'baseline', control: 'Capabilities' },
      { standard: 'cis-docker', section: '5.3', title: 'Ensure that Linux kernel capabilities are restricted within containers' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'drop-net-raw-capability' }, { tool: 'checkov', id: 'CKV_K8S_28' }, { tool: 'checkov', id: 'CKV_K8S_37' },
      { tool: 'checkov', id: 'CKV_K8S_39' }, { tool: 'trivy', id: 'AVD-KSV-0003' }, { tool: 'trivy', id: 'AVD-KSV-0005' },
      { tool: 'trivy', id: 'AVD-KSV-0022' }, { tool: 'kubesec', id: 'CapDropAll' }, { tool: 'kubesec', id: 'CapSysAdmin' },
      { tool: 'polaris', id: 'dangerousCapabilities' }, { tool: 'polaris', id: 'insecureCapabilities' },
    ],
    messages: {
      notDropped: 'Container "{{container}}" keeps the runtime\'s default capabilities: drop ALL.',
      dangerousAdded: 'Container "{{container}}" adds {{capability}}, a capability that allows escaping the container.',
    },
    fix: { applicability: 'unsafe', title: 'Drop all capabilities (review)' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: ["SYS_ADMIN"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_BIND_SERVICE"]\n',
    },
    since: '0.1.0', related: ['DC003'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const caps = doc.get(c.node, 'securityContext', 'capabilities');
      const drop = doc.get(caps, 'drop');
      const dropPair = doc.pair(caps, 'drop');
      const dropsAll = doc.items(drop).some((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'ALL');
      if (!dropsAll) {
        const fix = drop && isSeq(drop)
          ? yamlPrependOrAppendItem(doc, drop, 'ALL')
          : yamlSet(doc, c.node, ['securityContext', 'capabilities', 'drop'], ['ALL'], CONTAINER_KEY_ORDER);
        report({ messageId: 'notDropped', data: { container: c.name }, range: doc.rangeOf(dropPair ? dropPair.key : c.anchor), fix: [fix], fixTitle: 'Drop all capabilities (review)' });
      }
      const add = doc.get(caps, 'add');
      const dangerous = doc.items(add).filter((i) => isScalar(i) && isDangerousCapability(String(i.value)));
      // One removal of every dangerous entry, shared by their findings: any of them fixes the list.
      const removal = dangerous.length ? yamlRemoveItems(doc, add!, dangerous) : [];
      for (const item of dangerous) {
        report({
          messageId: 'dangerousAdded', data: { container: c.name, capability: normalizeCapability(String((item as { value: unknown }).value)) },
          range: doc.rangeOf(item), fix: removal, fixTitle: 'Remove escape-grade capabilities (review)',
        });
      }
    }
  },
});
