import { defineRule } from '../../rule';
import { describeObject, stringMap } from '../../parse/k8sObjects';

/** Cloud annotations that keep a LoadBalancer on the private network. */
const INTERNAL_LB: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
];

export default defineRule({
  meta: {
    id: 'K8S048',
    name: 'no-exposed-service',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Service is exposed outside the cluster',
    severity: 'info',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'A `NodePort` Service opens its port on every node, and a public `LoadBalancer` on the internet, bypassing the Ingress layer where TLS, authentication and rate limits usually live. `externalIPs` lets whoever creates the Service capture traffic for any address (CVE-2020-8554).',
    remediation:
      "Use `type: ClusterIP` behind an Ingress or Gateway; for a LoadBalancer that must exist, restrict `loadBalancerSourceRanges` or make it internal with the cloud provider's annotation. Drop `externalIPs`.",
    references: [
      { standard: 'url', title: 'CVE-2020-8554: Man in the middle using LoadBalancer or ExternalIPs', href: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'exposed-services' },
      { tool: 'trivy', id: 'AVD-KSV-0108' },
    ],
    messages: {
      exposedType: '{{service}} is of type {{type}}: it is reachable from outside the cluster.',
      externalIPs: '{{service}} sets externalIPs: it captures traffic for those addresses on every node.',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    },
    since: '0.2.0',
    related: ['K8S051'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
      const doc = object.doc;
      const spec = doc.get(object.node, 'spec');
      const typeNode = doc.get(spec, 'type');
      const type = doc.scalar(spec, 'type');
      const annotations = stringMap(object, doc.get(object.metadata, 'annotations')) ?? {};
      const internal = INTERNAL_LB.some(([k, re]) => re.test(annotations[k] ?? ''));
      const restricted = doc.items(doc.get(spec, 'loadBalancerSourceRanges')).length > 0;
      if (typeNode && (type === 'NodePort' || (type === 'LoadBalancer' && !internal && !restricted))) {
        report({ messageId: 'exposedType', data: { service: describeObject(object), type }, range: doc.rangeOf(typeNode) });
      }
      const ips = doc.pair(spec, 'externalIPs');
      if (ips && doc.items(ips.value).length) report({ messageId: 'externalIPs', data: { service: describeObject(object) }, range: doc.rangeOf(ips.key) });
    }
  },
});
