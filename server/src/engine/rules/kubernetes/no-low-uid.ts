import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, effectiveSecurity, HIGH_ID_THRESHOLD, isEffectiveSecurityTemplated, NON_ROOT_ID, usesUserNamespace } from '../../parse/kubernetes';

export default defineRule({
  meta: {
    id: 'K8S023',
    name: 'no-low-uid',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container UID may collide with a node account',
    severity: 'info',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      "Without a user namespace, a container UID is the same number on the node. UIDs up to 10000 belong to node accounts and daemons (or to other workloads' images); a process that escapes with such a UID gets their files. A high, dedicated UID limits what an escape reaches. UID 0 is reported by K8S003.",
    remediation:
      "Set `runAsUser` above 10000 (Bulkhead uses 10001) and build the image with that numeric `USER`, or run the pod in a user namespace (`hostUsers: false`). Make sure the image's files are readable by the new UID.",
    references: [{ standard: 'cwe', id: 250 }],
    aliases: [
      { tool: 'kubesec', id: 'RunAsUser' },
      { tool: 'checkov', id: 'CKV_K8S_40' },
      { tool: 'trivy', id: 'AVD-KSV-0020' },
    ],
    messages: {
      lowUid: 'runAsUser: {{uid}} runs container "{{container}}" with a UID a node account may hold (10000 or below).',
      unset: 'Container "{{container}}" sets no runAsUser, so it runs with the image\'s UID, typically a low one shared with node accounts.',
    },
    fix: { applicability: 'unsafe', title: 'Run as UID 10001', review: 'files the container writes must be writable by UID 10001' },
    absent: ['unset'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S003', 'K8S024'],
  },
  check({ k8s, report }) {
    const reported = new Set<string>();
    for (const c of k8s.containers) {
      if (usesUserNamespace(c.podSpec) || isEffectiveSecurityTemplated(c, 'runAsUser')) continue;
      const doc = c.podSpec.object.doc;
      const setting = effectiveSecurity(c, 'runAsUser');
      if (!setting) {
        report({
          messageId: 'unset',
          data: { container: c.name },
          range: doc.rangeOf(c.anchor),
          fix: () => [yamlSet(doc, c.node, ['securityContext', 'runAsUser'], NON_ROOT_ID, CONTAINER_KEY_ORDER)],
        });
        continue;
      }
      const uid = setting.value;
      const range = doc.rangeOf(setting.node);
      // A pod-level value is reported once, for its first container. Known by where it is written, not by
      // its node: copies of a document of the same text can share one parse, and so their nodes.
      const at = `${range.start.line}:${range.start.character}`;
      if (typeof uid !== 'number' || uid <= 0 || uid > HIGH_ID_THRESHOLD || reported.has(at)) continue;
      reported.add(at);
      report({ messageId: 'lowUid', data: { uid, container: c.name }, range, fix: [replace(range, String(NON_ROOT_ID))] });
    }
  },
});
