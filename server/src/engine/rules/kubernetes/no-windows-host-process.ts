import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { distinctSecurityContexts } from '../../parse/kubernetes';
import { podSecurityGate } from '../../policy/podSecurity';

export default defineRule({
  meta: {
    id: 'K8S011',
    name: 'no-windows-host-process',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Windows HostProcess container',
    severity: 'error',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "A Windows HostProcess container runs directly on the node as a host process, with the node's filesystem, network and (as `NT AUTHORITY\\SYSTEM` by default) full administrative rights: it is the Windows equivalent of a privileged container.",
    remediation: 'Remove `windowsOptions.hostProcess: true`. Node management tasks that need it belong in a dedicated namespace labelled `pod-security.kubernetes.io/enforce: privileged`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'HostProcess' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'trivy', id: 'AVD-KSV-0103' },
      { tool: 'polaris', id: 'hostProcess' },
    ],
    messages: { hostProcess: 'windowsOptions.hostProcess: true runs {{owner}} as a process of the Windows node.' },
    fix: { applicability: 'unsafe', title: 'Remove hostProcess: true', review: 'the container no longer runs as a process on the Windows host; node administration it did stops working' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: win\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  hostNetwork: true\n  containers:\n    - name: agent\n      image: example/agent:1.4\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: win\nspec:\n  containers:\n    - name: agent\n      image: example/agent:1.4\n',
    },
    since: '0.2.0',
    related: ['K8S001'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'hostProcess')) continue;
      const doc = podSpec.object.doc;
      for (const sc of distinctSecurityContexts(podSpec)) {
        const options = doc.get(sc.node, 'windowsOptions');
        const pair = doc.pair(options, 'hostProcess');
        if (!options || !pair || doc.scalar(options, 'hostProcess') !== true) continue;
        const owner = sc.level === 'pod' ? 'the pod' : `container "${sc.containers[0].name}"`;
        report({ messageId: 'hostProcess', data: { owner }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, options, pair)] });
      }
    }
  },
});
