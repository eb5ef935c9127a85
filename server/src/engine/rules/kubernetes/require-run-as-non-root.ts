import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, describeContainers, effectiveSecurity, isEffectiveSecurityTemplated, usesUserNamespace, type Container } from '../../parse/kubernetes';
import type { Node } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

/**
 * The UID the fix puts in place of 0: the one Bulkhead's Dockerfile fix creates, and above 10000 so
 * it cannot collide with a node account (kubesec RunAsUser, Trivy KSV-0020, checkov CKV_K8S_40).
 */
const NON_ROOT_UID = 10001;

type ExplicitRoot = 'rootUser' | 'runAsNonRootFalse' | 'runAsNonRootFalseWithUser';

export default defineRule({
  meta: {
    id: 'K8S003',
    name: 'require-run-as-non-root',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container may run as root',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image names, and most images default to root. A process running as UID 0 turns any kernel bug, writable hostPath or extra capability into host compromise. `runAsUser: 0` asks for root explicitly.',
    remediation:
      "Set `runAsNonRoot: true` (pod or container securityContext) and a non-zero `runAsUser`, and build the image with a numeric non-root `USER` so the kubelet can verify it. The fix for `runAsUser: 0` writes 10001, the UID Bulkhead's Dockerfile fix creates: make sure the image's files are readable by it. Pods with `hostUsers: false` run in a user namespace, where UID 0 is unprivileged on the node; like the Pod Security Standards, the rule skips them.",
    references: [
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root' },
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root user' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'run-as-non-root' },
      { tool: 'kubesec', id: 'RunAsNonRoot' },
      { tool: 'checkov', id: 'CKV_K8S_23' },
      { tool: 'trivy', id: 'AVD-KSV-0012' },
      { tool: 'trivy', id: 'AVD-KSV-0105' },
      { tool: 'polaris', id: 'runAsRootAllowed' },
      { tool: 'semgrep', id: 'run-as-non-root' },
      { tool: 'semgrep', id: 'run-as-non-root-container-level' },
      { tool: 'semgrep', id: 'run-as-non-root-security-context-pod-level' },
      { tool: 'semgrep', id: 'run-as-non-root-unsafe-value' },
      { tool: 'semgrep', id: 'run-as-non-root-container-level-missing-security-context' },
    ],
    messages: {
      rootUser: 'runAsUser: 0 runs {{containers}} as root.',
      runAsNonRootFalse: 'runAsNonRoot: false lets {{containers}} run as root.',
      runAsNonRootFalseWithUser: 'runAsNonRoot: false turns off the non-root check for {{containers}}: runAsUser is not 0, but the restricted Pod Security level requires runAsNonRoot: true.',
      notEnforced: 'Container "{{container}}" does not require a non-root user (runAsNonRoot: true), so it runs as root if the image does.',
    },
    fix: { applicability: 'unsafe', title: 'Require a non-root user', review: 'the pod is refused at start unless the image runs as a non-root user' },
    absent: ['notEnforced'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.1.0',
    related: ['DF001', 'DF024', 'DC011'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    // A pod-level value is one finding for all the containers that inherit it.
    // Containers under one node can differ in user (a pod-level `runAsNonRoot: false`): one entry per message.
    const explicit = new Map<Node, Map<ExplicitRoot, { containers: Container[]; fixText: string }>>();
    const flag = (node: Node, c: Container, messageId: ExplicitRoot, fixText: string): void => {
      const byMessage = explicit.get(node) ?? new Map<ExplicitRoot, { containers: Container[]; fixText: string }>();
      const entry = byMessage.get(messageId) ?? { containers: [], fixText };
      entry.containers.push(c);
      byMessage.set(messageId, entry);
      explicit.set(node, byMessage);
    };
    for (const c of k8s.containers) {
      const object = c.podSpec.object;
      const nonRootControl = gate.applies(object, 'runAsNonRoot');
      const userControl = gate.applies(object, 'runAsUser');
      if (usesUserNamespace(c.podSpec) || (!nonRootControl && !userControl)) continue;
      const doc = c.podSpec.object.doc;
      // A value a template decides is unknown: neither reported nor counted as missing.
      const known = (key: string) => (isEffectiveSecurityTemplated(c, key) ? { unknown: true as const } : { setting: effectiveSecurity(c, key) });
      const user = known('runAsUser');
      const nonRoot = known('runAsNonRoot');
      if (user.setting?.value === 0 && userControl) flag(user.setting.node, c, 'rootUser', String(NON_ROOT_UID));
      const uid = user.setting?.value;
      // With a non-zero runAsUser the container does not run as root: it fails the control for another reason.
      if (nonRoot.setting?.value === false && nonRootControl) flag(nonRoot.setting.node, c, typeof uid === 'number' && uid > 0 ? 'runAsNonRootFalseWithUser' : 'runAsNonRootFalse', 'true');
      const enforced = nonRoot.setting?.value === true || (typeof uid === 'number' && uid > 0);
      const reported = uid === 0 || nonRoot.setting?.value === false;
      if (!enforced && !reported && !user.unknown && !nonRoot.unknown && nonRootControl) {
        report({
          messageId: 'notEnforced',
          data: { container: c.name },
          range: doc.rangeOf(c.anchor),
          fix: () => [yamlSet(doc, c.node, ['securityContext', 'runAsNonRoot'], true, CONTAINER_KEY_ORDER)],
        });
      }
    }
    for (const [node, byMessage] of explicit) {
      for (const [messageId, { containers, fixText }] of byMessage) {
        const doc = containers[0].podSpec.object.doc;
        report({ messageId, data: { containers: describeContainers(containers) }, range: doc.rangeOf(node), fix: [replace(doc.rangeOf(node), fixText)] });
      }
    }
  },
});
