import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { podSecurityGate } from '../../policy/podSecurity';
import { isScalar } from '../../parse/yaml';

/** Where a container names a host to probe or call: probes and lifecycle hooks, each by httpGet or tcpSocket. */
const HOOKS: string[][] = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'].map((h) => h.split('.'));
const HANDLER_KINDS = ['httpGet', 'tcpSocket'];

export default defineRule({
  meta: {
    id: 'K8S020',
    name: 'no-probe-host',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Probe or lifecycle hook targets another host',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      "The kubelet runs probes and lifecycle `httpGet`/`tcpSocket` handlers from the node's network. A `host` other than the pod's own IP makes the kubelet connect wherever the manifest says (node-local services, cloud metadata, other tenants), an SSRF the pod's author controls; the Pod Security Standards forbid it from Kubernetes 1.34.",
    remediation: "Remove `host` so the handler targets the pod's IP. To check a dependency, probe an endpoint of your own process that checks it.",
    references: [
      { standard: 'pss', level: 'baseline', control: 'Host Probes / Lifecycle Hooks' },
      { standard: 'cwe', id: 918 },
    ],
    aliases: [],
    messages: { host: 'Container "{{container}}" {{handler}} targets host {{host}}: the kubelet connects there from the node.' },
    fix: { applicability: 'unsafe', title: 'Remove host so the handler targets the pod', review: "the probe or hook now targets the pod's own address; check the handler listens there" },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          host: 169.254.169.254\n          port: 80\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          port: 80\n',
    },
    since: '0.2.0',
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      if (!gate.applies(c.podSpec.object, 'hostProbes')) continue;
      const doc = c.podSpec.object.doc;
      // Most containers have few of these: a hook that is absent is looked up once, not once per handler kind.
      for (const hook of HOOKS) {
        const hookNode = doc.get(c.node, ...hook);
        if (!hookNode) continue;
        for (const kind of HANDLER_KINDS) {
          const handler = doc.get(hookNode, kind);
          const pair = doc.pair(handler, 'host');
          if (!handler || !pair?.value) continue;
          // The pair's value as `scalar` reads it: the host is looked up once.
          const hostNode = doc.deref(pair.value);
          const host = isScalar(hostNode) ? hostNode.value : undefined;
          if (host === '' || host === null || doc.isTemplated(pair.value)) continue;
          report({
            messageId: 'host',
            data: { container: c.name, handler: `${hook.join('.')}.${kind}`, host: String(host) },
            range: doc.rangeOf(pair.value),
            fix: () => [yamlRemovePair(doc, handler, pair)],
          });
        }
      }
    }
  },
});
