import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { podSecurityGate } from '../../policy/podSecurity';
import { securityContextsOf } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S001',
    name: 'no-privileged',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container runs privileged',
    severity: 'error',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "A privileged container holds every Linux capability and sees every host device; a single compromised dependency inside it can mount the node's disks, load kernel modules and take over the node and every pod on it.",
    remediation: 'Remove `privileged: true`. If the workload needs one specific kernel feature, add back only that capability under `securityContext.capabilities.add`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'Privileged Containers' },
      { standard: 'cis-docker', section: '5.4', title: 'Ensure that privileged containers are not used' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'privileged-container' },
      { tool: 'checkov', id: 'CKV_K8S_16' },
      { tool: 'trivy', id: 'AVD-KSV-0017' },
      { tool: 'kubesec', id: 'Privileged' },
      { tool: 'polaris', id: 'runAsPrivileged' },
      { tool: 'semgrep', id: 'privileged-container' },
    ],
    messages: { privileged: 'Container "{{container}}" runs privileged: it can take over the node.' },
    fix: { applicability: 'unsafe', title: 'Remove privileged: true', review: 'a container that needs a device or a kernel feature loses it; add back only that capability' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n',
    },
    since: '0.1.0',
    related: ['DC001'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      if (!gate.applies(c.podSpec.object, 'privileged')) continue;
      const doc = c.podSpec.object.doc;
      const sc = securityContextsOf(c).container;
      const pair = doc.pair(sc, 'privileged');
      const value = doc.deref(pair?.value);
      if (pair && sc && isScalar(value) && value.value === true) {
        report({ messageId: 'privileged', data: { container: c.name }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, sc, pair)] });
      }
    }
  },
});
