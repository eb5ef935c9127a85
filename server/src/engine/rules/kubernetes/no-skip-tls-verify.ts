import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { describeObject } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S065',
    name: 'no-skip-tls-verify',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'TLS verification of an API endpoint is disabled',
    severity: 'error',
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale:
      'With `insecure-skip-tls-verify` in a kubeconfig, or `insecureSkipTLSVerify` on an APIService, the client accepts any certificate: anyone on the network path can impersonate the API server or the aggregated API and read or alter the credentials and objects that pass.',
    remediation:
      "Remove the setting and give the client the CA instead: `certificate-authority-data` in the kubeconfig cluster, `caBundle` on the APIService (cert-manager's CA injector can fill it).",
    references: [{ standard: 'cwe', id: 295 }],
    aliases: [
      { tool: 'semgrep', id: 'skip-tls-verify-cluster' },
      { tool: 'semgrep', id: 'skip-tls-verify-service' },
    ],
    messages: {
      kubeconfig: 'Cluster "{{name}}" of this kubeconfig accepts any server certificate (insecure-skip-tls-verify).',
      apiService: '{{object}} accepts any certificate from its backing service (insecureSkipTLSVerify).',
    },
    fix: { applicability: 'unsafe', title: 'Delete the setting that disables TLS verification', review: "the connection fails unless the endpoint's certificate is trusted; add its CA" },
    examples: {
      bad: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service: {name: metrics-server, namespace: kube-system}\n  insecureSkipTLSVerify: true\n',
      good: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service: {name: metrics-server, namespace: kube-system}\n  caBundle: LS0tLS1CRUdJTi4uLg==\n',
    },
    since: '0.2.0',
    related: ['DF012'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      const doc = object.doc;
      if (object.kind === 'Config') {
        for (const item of doc.items(doc.get(object.node, 'clusters'))) {
          const cluster = doc.get(item, 'cluster');
          const pair = doc.pair(cluster, 'insecure-skip-tls-verify');
          if (!cluster || !pair?.value || doc.scalar(cluster, 'insecure-skip-tls-verify') !== true) continue;
          report({ messageId: 'kubeconfig', data: { name: String(doc.scalar(item, 'name') ?? '') }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, cluster, pair)] });
        }
      } else if (object.kind === 'APIService') {
        const spec = doc.get(object.node, 'spec');
        const pair = doc.pair(spec, 'insecureSkipTLSVerify');
        if (!spec || !pair?.value || doc.scalar(spec, 'insecureSkipTLSVerify') !== true) continue;
        report({ messageId: 'apiService', data: { object: describeObject(object) }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, spec, pair)] });
      }
    }
  },
});
