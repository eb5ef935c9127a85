import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, containerSecurity, isTemplatedPath, isWindowsPod, type Container } from '../../parse/kubernetes';
import { isScalar, type Node } from '../../parse/yaml';
import { normalizeCapability } from '../../policy/capabilities';
import { podSecurityGate } from '../../policy/podSecurity';

/**
 * The setting that keeps escalation on whatever allowPrivilegeEscalation says: the API server
 * rejects `allowPrivilegeEscalation: false` next to `privileged: true` or an added CAP_SYS_ADMIN.
 */
function forcedBy(c: Container): { node: Node; reason: string } | undefined {
  const doc = c.podSpec.object.doc;
  const privileged = containerSecurity(c, 'privileged');
  if (isScalar(privileged) && privileged.value === true) return { node: privileged, reason: 'privileged: true' };
  const sysAdmin = doc.items(containerSecurity(c, 'capabilities', 'add')).find((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'SYS_ADMIN');
  return sysAdmin && { node: sysAdmin, reason: 'the SYS_ADMIN capability' };
}

export default defineRule({
  meta: {
    id: 'K8S002',
    name: 'no-privilege-escalation',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container allows privilege escalation',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'Unless `allowPrivilegeEscalation: false` is set, a process can gain more privileges than its parent through setuid binaries or file capabilities (the `no_new_privs` flag stays off). An attacker with code execution as a non-root user then climbs to root inside the container, the first step of most escapes.',
    remediation:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container. Only workloads that must run setuid binaries (rare; `sudo`, `ping` on old images) need it, and they should be redesigned. `privileged: true` and an added `SYS_ADMIN` capability always allow escalation (the API server rejects `false` next to them): remove those first. Windows pods (`spec.os.name: windows`) are exempt, as in the Pod Security Standards.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Privilege Escalation' },
      { standard: 'cwe', id: 269 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'privilege-escalation-container' },
      { tool: 'kubesec', id: 'AllowPrivilegeEscalation' },
      { tool: 'checkov', id: 'CKV_K8S_20' },
      { tool: 'trivy', id: 'AVD-KSV-0001' },
      { tool: 'polaris', id: 'privilegeEscalationAllowed' },
      { tool: 'semgrep', id: 'allow-privilege-escalation' },
      { tool: 'semgrep', id: 'allow-privilege-escalation-true' },
      { tool: 'semgrep', id: 'allow-privilege-escalation-no-securitycontext' },
    ],
    messages: {
      allowed: 'Container "{{container}}" sets allowPrivilegeEscalation: true.',
      notDisabled: 'Container "{{container}}" does not set allowPrivilegeEscalation: false, so setuid binaries can raise its privileges.',
    },
    fix: { applicability: 'unsafe', title: 'Set allowPrivilegeEscalation: false', review: 'setuid programs (sudo, su) no longer gain privileges in the container' },
    absent: ['notDisabled'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
    since: '0.1.0',
    related: ['K8S001', 'DC007'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      if (isWindowsPod(c.podSpec) || !gate.applies(c.podSpec.object, 'allowPrivilegeEscalation')) continue;
      const node = containerSecurity(c, 'allowPrivilegeEscalation');
      const value = isScalar(node) ? node.value : undefined;
      // `allowPrivilegeEscalation:` with no value is the same as leaving it out, unless a template fills it in.
      const unset = node === undefined || value === null;
      if (unset ? isTemplatedPath(doc, c.node, 'securityContext', 'allowPrivilegeEscalation') : value !== true) continue;
      const forced = forcedBy(c);
      const fix = forced ? undefined : () => [unset ? yamlSet(doc, c.node, ['securityContext', 'allowPrivilegeEscalation'], false, CONTAINER_KEY_ORDER) : replace(doc.rangeOf(node), 'false')];
      report({
        messageId: unset ? 'notDisabled' : 'allowed',
        data: { container: c.name },
        range: doc.rangeOf(unset ? c.anchor : node),
        fix,
        ...(forced && { related: [{ range: doc.rangeOf(forced.node), message: `${forced.reason} keeps privilege escalation on: remove it before setting allowPrivilegeEscalation: false` }] }),
      });
    }
  },
});
