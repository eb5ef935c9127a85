import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { distinctSecurityContexts, podAnnotations } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

/** Pre-1.19 annotations: the pod's default and per-container profiles. */
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

export default defineRule({
  meta: {
    id: 'K8S012',
    name: 'no-seccomp-unconfined',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Seccomp disabled (Unconfined)',
    severity: 'error',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      "The runtime's default seccomp profile blocks about 50 rarely needed system calls (`keyctl`, `unshare`, `bpf`, `mount`, …) through which most recent kernel escapes went. `Unconfined` turns that filter off, so one kernel bug is enough to leave the container.",
    remediation:
      'Use `seccompProfile: {type: RuntimeDefault}`, or a `Localhost` profile that allows the extra calls the workload needs. The pre-1.19 annotations (`seccomp.security.alpha.kubernetes.io/pod`, `container.seccomp.security.alpha.kubernetes.io/<name>`) take `runtime/default`; they are ignored since Kubernetes 1.27, so move to the field.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'Seccomp' },
      { standard: 'cis-docker', section: '5.21', title: 'Ensure the default seccomp profile is not Disabled' },
      { standard: 'cwe', id: 693 },
    ],
    aliases: [
      { tool: 'kubesec', id: 'SeccompUnconfined' },
      { tool: 'trivy', id: 'AVD-KSV-0104' },
      { tool: 'semgrep', id: 'seccomp-confinement-disabled' },
    ],
    messages: {
      unconfined: 'seccompProfile type Unconfined removes the system-call filter from {{owner}}.',
      annotation: 'Annotation {{annotation}}: unconfined removes the system-call filter.',
    },
    fix: {
      applicability: 'unsafe',
      title: 'Use the RuntimeDefault seccomp profile',
      review: "system calls outside the runtime's default profile now fail; write a custom profile if the workload needs them",
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S013', 'DC008'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'seccompBaseline')) continue;
      const doc = podSpec.object.doc;
      for (const sc of distinctSecurityContexts(podSpec)) {
        const type = doc.get(sc.node, 'seccompProfile', 'type');
        if (!isScalar(type) || type.value !== 'Unconfined') continue;
        const owner = sc.level === 'pod' ? 'the pod' : `container "${sc.containers[0].name}"`;
        report({ messageId: 'unconfined', data: { owner }, range: doc.rangeOf(type), fix: [replace(doc.rangeOf(type), 'RuntimeDefault')] });
      }
      for (const { key, pair } of podAnnotations(podSpec)) {
        if (key !== POD_ANNOTATION && !key.startsWith(CONTAINER_ANNOTATION)) continue;
        const value = pair.value;
        if (!isScalar(value) || value.value !== 'unconfined') continue;
        const text = value.type === 'PLAIN' ? 'runtime/default' : JSON.stringify('runtime/default');
        report({ messageId: 'annotation', data: { annotation: key }, range: doc.rangeOf(value), fix: [replace(doc.rangeOf(value), text)] });
      }
    }
  },
});
