import { defineRule } from '../../rule';

export default defineRule({
  meta: {
    id: 'K8S053',
    name: 'no-host-aliases',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Pod overrides name resolution with hostAliases',
    severity: 'info',
    enabledByDefault: false,
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale:
      "`hostAliases` writes fixed entries into the pod's /etc/hosts, silently steering a name to an address that DNS, certificates and network policies do not expect; a stale or malicious entry sends traffic (and credentials) elsewhere. Off by default: it is also a legitimate workaround for split-horizon DNS.",
    remediation: 'Publish the name in DNS (a Service, an ExternalName Service or CoreDNS configuration) instead of pinning addresses in the pod.',
    references: [{ standard: 'cwe', id: 350 }],
    aliases: [
      { tool: 'kubesec', id: 'HostAliases' },
      { tool: 'trivy', id: 'AVD-KSV-0007' },
    ],
    messages: { hostAliases: '{{kind}} "{{name}}" pins host names to addresses with hostAliases.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostAliases:\n    - ip: 10.0.0.5\n      hostnames: [api.example.com]\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      const doc = podSpec.object.doc;
      const pair = doc.pair(podSpec.node, 'hostAliases');
      if (pair && doc.items(pair.value).length) report({ messageId: 'hostAliases', data: { kind: podSpec.object.kind, name: podSpec.object.name ?? '' }, range: doc.rangeOf(pair.key) });
    }
  },
});
