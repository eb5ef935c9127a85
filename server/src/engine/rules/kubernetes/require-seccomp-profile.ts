import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { describeContainers, effectiveSecurity, isEffectiveSecurityTemplated, isWindowsPod, type Container, podSpecKeyOrder } from '../../parse/kubernetes';
import { isMap, isScalar } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

/** Whether the container's effective profile is set (Unconfined counts as set: K8S012 reports it). */
function hasProfile(c: Container): boolean {
  const doc = c.podSpec.object.doc;
  const setting = effectiveSecurity(c, 'seccompProfile');
  if (!setting) return false;
  const type = doc.get(setting.node, 'type');
  return isMap(setting.node) && isScalar(type) && typeof type.value === 'string' && type.value !== '';
}

export default defineRule({
  meta: {
    id: 'K8S013',
    name: 'require-seccomp-profile',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'No seccomp profile set',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      'Without a `seccompProfile` the kubelet runs the container `Unconfined` (unless the node enables `SeccompDefault`), leaving every system call of the kernel reachable from a compromised process, including the rarely used ones most kernel escapes rely on.',
    remediation:
      'Set `securityContext.seccompProfile: {type: RuntimeDefault}` at pod level (containers inherit it), or a `Localhost` profile when the workload needs calls the default blocks. Windows pods are exempt.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Seccomp' },
      { standard: 'cis-docker', section: '5.21', title: 'Ensure the default seccomp profile is not Disabled' },
      { standard: 'cwe', id: 693 },
    ],
    aliases: [
      { tool: 'kubesec', id: 'SeccompAny' },
      { tool: 'checkov', id: 'CKV_K8S_31' },
      { tool: 'checkov', id: 'CKV_K8S_32' },
      { tool: 'trivy', id: 'AVD-KSV-0030' },
      { tool: 'polaris', id: 'linuxHardening' },
    ],
    messages: { missing: 'No seccomp profile applies to {{containers}}: set seccompProfile type RuntimeDefault at pod level.' },
    fix: {
      applicability: 'unsafe',
      title: 'Set the RuntimeDefault seccomp profile for the pod',
      review: "system calls outside the runtime's default profile now fail; write a custom profile if the workload needs them",
    },
    absent: ['missing'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S012', 'K8S026'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'seccompRestricted') || isWindowsPod(podSpec)) continue;
      const doc = podSpec.object.doc;
      const missing = podSpec.containers.filter((c) => !hasProfile(c) && !isEffectiveSecurityTemplated(c, 'seccompProfile'));
      if (missing.length === 0) continue;
      const containers = describeContainers(missing);
      // The pod's profile reaches only containers that set none of their own.
      const podLevel = missing.every((c) => effectiveSecurity(c, 'seccompProfile')?.level !== 'container' && c.podOwner === podSpec.node);
      const fix = () =>
        podLevel
          ? [yamlSet(doc, podSpec.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }, podSpecKeyOrder(podSpec))]
          : missing.map((c) => yamlSet(doc, c.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault'));
      report({ messageId: 'missing', data: { containers }, range: doc.rangeOf(missing[0].anchor), fix });
    }
  },
});
