import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { securityContextsOf, usesUserNamespace } from '../../parse/kubernetes';
import { podSecurityGate } from '../../policy/podSecurity';

export default defineRule({
  meta: {
    id: 'K8S016',
    name: 'no-unmasked-proc-mount',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Unmasked /proc mount',
    severity: 'error',
    threat: 'container-escape',
    principle: 'attack-surface',
    rationale:
      "By default the runtime masks and makes read-only the parts of `/proc` that expose or control the node's kernel (`/proc/kcore`, `/proc/sysrq-trigger`, `/proc/sys`, …). `procMount: Unmasked` removes those masks, giving the container kernel memory, host-wide tunables and information useful to escape.",
    remediation:
      'Remove `procMount` (the default is `Default`). `Unmasked` is only meant for nested containers inside a user namespace (`hostUsers: false`); even then the restricted profile forbids it from Kubernetes 1.35.',
    references: [
      { standard: 'pss', level: 'baseline', control: '/proc Mount Type' },
      { standard: 'pss', level: 'restricted', control: '/proc Mount Type' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'unsafe-proc-mount' },
      { tool: 'trivy', id: 'AVD-KSV-0027' },
      { tool: 'polaris', id: 'procMount' },
    ],
    messages: {
      unmasked: 'Container "{{container}}" sets procMount: {{value}}, exposing the node\'s /proc.',
      unmaskedUserNamespace: 'Container "{{container}}" sets procMount: {{value}}; the restricted profile forbids it even in a user namespace.',
    },
    fix: { applicability: 'unsafe', title: 'Remove procMount', review: 'paths under /proc are masked again; a nested container runtime that relied on them stops working' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Unmasked\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Default\n',
    },
    since: '0.2.0',
    related: ['K8S025'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const sc = securityContextsOf(c).container;
      const pair = doc.pair(sc, 'procMount');
      const value = doc.scalar(sc, 'procMount');
      if (!sc || !pair?.value || value === null || value === undefined || value === 'Default' || doc.isTemplated(pair.value)) continue;
      const object = c.podSpec.object;
      // Since 1.35 the baseline control lets pods in a user namespace use any value; restricted still does not.
      const relaxed = usesUserNamespace(c.podSpec) && gate.policy(object).version >= 35;
      const messageId = relaxed ? 'unmaskedUserNamespace' : 'unmasked';
      if (!gate.applies(object, relaxed ? 'procMountRestricted' : 'procMount')) continue;
      report({ messageId, data: { container: c.name, value: String(value) }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, sc, pair)] });
    }
  },
});
