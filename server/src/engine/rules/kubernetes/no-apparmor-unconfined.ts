import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { distinctSecurityContexts, podAnnotations } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Annotation values the Pod Security Standards allow. */
function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default defineRule({
  meta: {
    id: 'K8S014',
    name: 'no-apparmor-unconfined',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'AppArmor disabled or overridden',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      "On AppArmor nodes the runtime's default profile denies writes to `/proc` and `/sys`, mounts and raw access to kernel interfaces: a second wall when a process escapes its namespaces. `Unconfined` (or an annotation naming anything but `runtime/default` or a `localhost/` profile) turns it off.",
    remediation: 'Use `appArmorProfile: {type: RuntimeDefault}` (Kubernetes 1.30+) or a `Localhost` profile; with the legacy annotation, `runtime/default` or `localhost/<profile>`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'AppArmor' },
      { standard: 'cis-docker', section: '5.1', title: 'Ensure that, if applicable, an AppArmor Profile is enabled' },
      { standard: 'cwe', id: 693 },
    ],
    aliases: [
      { tool: 'kubesec', id: 'ApparmorUnconfined' },
      { tool: 'kubesec', id: 'ApparmorAny' },
      { tool: 'trivy', id: 'AVD-KSV-0002' },
      { tool: 'polaris', id: 'linuxHardening' },
    ],
    messages: {
      unconfined: 'appArmorProfile type Unconfined turns AppArmor off for {{owner}}.',
      annotation: 'Annotation {{annotation}}: {{value}} is not runtime/default or a localhost/ profile.',
    },
    fix: {
      applicability: 'unsafe',
      title: "Use the runtime's default AppArmor profile",
      review: 'access the default AppArmor profile denies now fails; write a custom profile if the workload needs it',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: unconfined\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: runtime/default\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S012'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'appArmor')) continue;
      const doc = podSpec.object.doc;
      for (const sc of distinctSecurityContexts(podSpec)) {
        const type = doc.get(sc.node, 'appArmorProfile', 'type');
        if (!isScalar(type) || type.value !== 'Unconfined') continue;
        const owner = sc.level === 'pod' ? 'the pod' : `container "${sc.containers[0].name}"`;
        report({ messageId: 'unconfined', data: { owner }, range: doc.rangeOf(type), fix: [replace(doc.rangeOf(type), 'RuntimeDefault')] });
      }
      for (const { key, pair } of podAnnotations(podSpec)) {
        const value = pair.value;
        if (!key.startsWith(ANNOTATION) || !isScalar(value) || typeof value.value !== 'string' || doc.isTemplated(value) || allowedAnnotation(value.value)) continue;
        const text = value.type === 'PLAIN' ? 'runtime/default' : JSON.stringify('runtime/default');
        report({ messageId: 'annotation', data: { annotation: key, value: value.value }, range: doc.rangeOf(value), fix: [replace(doc.rangeOf(value), text)] });
      }
    }
  },
});
