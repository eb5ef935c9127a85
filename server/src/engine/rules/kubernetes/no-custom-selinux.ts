import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { distinctSecurityContexts } from '../../parse/kubernetes';
import { podSecurityGate } from '../../policy/podSecurity';

/** SELinux types the Pod Security Standards allow; container_engine_t since 1.31. */
function allowedType(type: string, version: number): boolean {
  return ['', 'container_t', 'container_init_t', 'container_kvm_t'].includes(type) || (type === 'container_engine_t' && version >= 31);
}

export default defineRule({
  meta: {
    id: 'K8S015',
    name: 'no-custom-selinux',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Custom SELinux user, role or type',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      "On SELinux nodes every container runs as `container_t` with its own category pair, which keeps it off the node's files and other containers' data. Setting another `type` (e.g. `spc_t`, unconfined) or any `user`/`role` lifts that confinement.",
    remediation:
      'Remove `seLinuxOptions.user`, `.role` and a `.type` other than `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`; setting `level` (the MCS categories) is fine.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'SELinux' },
      { standard: 'cis-docker', section: '5.2', title: 'Ensure that, if applicable, SELinux security options are set' },
      { standard: 'cwe', id: 693 },
    ],
    aliases: [{ tool: 'trivy', id: 'AVD-KSV-0025' }],
    messages: {
      customType: 'seLinuxOptions type {{value}} lifts the container SELinux confinement of {{owner}}.',
      customUser: 'seLinuxOptions user {{value}} overrides the container SELinux user of {{owner}}.',
      customRole: 'seLinuxOptions role {{value}} overrides the container SELinux role of {{owner}}.',
    },
    fix: { applicability: 'unsafe', title: 'Remove the custom SELinux setting', review: 'the container gets the default SELinux label, which may deny access the custom one allowed' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: "s0:c123,c456"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'seLinux')) continue;
      const version = gate.policy(podSpec.object).version;
      const doc = podSpec.object.doc;
      for (const sc of distinctSecurityContexts(podSpec)) {
        const se = doc.get(sc.node, 'seLinuxOptions');
        if (!se) continue;
        const owner = sc.level === 'pod' ? 'the pod' : `container "${sc.containers[0].name}"`;
        for (const [key, messageId] of [
          ['type', 'customType'],
          ['user', 'customUser'],
          ['role', 'customRole'],
        ] as const) {
          const pair = doc.pair(se, key);
          const value = doc.scalar(se, key);
          if (!pair?.value || doc.isTemplated(pair.value) || value === null || value === undefined || value === '') continue;
          if (key === 'type' && allowedType(String(value), version)) continue;
          report({ messageId, data: { value: String(value), owner }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, se, pair)] });
        }
      }
    }
  },
});
