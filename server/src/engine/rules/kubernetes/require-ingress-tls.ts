import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { isScalar, type Node } from '../../parse/yaml';
import { describeObject, objectRange } from '../../parse/k8sObjects';
import { isTemplatedPath } from '../../parse/kubernetes';

const INGRESS_TLS_DOCS = { standard: 'url' as const, title: 'Kubernetes: Ingress TLS', href: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls' };

/** TLS host entries cover a rule host exactly or through a one-label wildcard (`*.example.com`). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  return tlsHost.startsWith('*.') && host.endsWith(tlsHost.slice(1)) && !host.slice(0, -tlsHost.length + 1).includes('.');
}

export default defineRule({
  meta: {
    id: 'K8S051',
    name: 'require-ingress-tls',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Ingress serves plain HTTP',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale: 'Without a `tls` section the Ingress serves its hosts over plain HTTP: session cookies, tokens and form data cross the network readable and modifiable by anyone on the path.',
    remediation: 'Add `spec.tls` listing every host with the Secret holding its certificate (cert-manager can issue and renew it), and redirect HTTP to HTTPS in the controller.',
    references: [INGRESS_TLS_DOCS, { standard: 'cwe', id: 319 }],
    aliases: [{ tool: 'polaris', id: 'tlsSettingsMissing' }],
    messages: {
      noTls: '{{ingress}} has no tls section: its hosts are served over plain HTTP.',
      hostWithoutTls: 'Host "{{host}}" of {{ingress}} is not listed under tls: it is served over plain HTTP.',
    },
    fix: { applicability: 'unsafe', title: 'Add a tls section for the Ingress hosts', review: 'the Ingress needs a certificate in the Secret the tls section names' },
    absent: ['noTls', 'hostWithoutTls'],
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: web-tls\n  rules:\n    - host: shop.example.com\n',
    },
    since: '0.2.0',
    related: ['K8S048'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'Ingress') continue;
      const doc = object.doc;
      const spec = doc.get(object.node, 'spec');
      if (!spec || isTemplatedPath(doc, object.node, 'spec', 'tls')) continue;
      const hosts = doc
        .items(doc.get(spec, 'rules'))
        .map((r) => doc.get(r, 'host'))
        .filter((h): h is Node => isScalar(h) && typeof h.value === 'string' && !doc.isTemplated(h));
      const tls = doc.items(doc.get(spec, 'tls'));
      const ingress = describeObject(object);
      if (!tls.length) {
        const names = [...new Set(hosts.map((h) => String((h as { value: unknown }).value)))];
        const fix = names.length ? () => [yamlSet(doc, spec, ['tls'], [{ hosts: names, secretName: `${object.name ?? 'ingress'}-tls` }])] : [];
        report({ messageId: 'noTls', data: { ingress }, range: objectRange(object), fix });
        continue;
      }
      const tlsHosts = tls
        .flatMap((t) => doc.items(doc.get(t, 'hosts')))
        .filter(isScalar)
        .map((h) => String(h.value));
      if (tls.some((t) => doc.isTemplated(t) || isTemplatedPath(doc, t, 'hosts'))) continue;
      for (const h of hosts) {
        const host = String((h as { value: unknown }).value);
        if (!tlsHosts.some((t) => covers(t, host))) report({ messageId: 'hostWithoutTls', data: { host, ingress }, range: doc.rangeOf(h) });
      }
    }
  },
});
