import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { HIGH_ID_THRESHOLD, NON_ROOT_ID, distinctSecurityContexts, usesUserNamespace } from '../../parse/kubernetes';
import { isScalar, type Node } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S024',
    name: 'no-root-group',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container runs with the root group or a low GID',
    severity: 'info',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'GID 0 owns many files on the node and in images (`/etc`, sockets, device nodes); a process in the root group can read or write them even as a non-root user. GIDs up to 10000 collide with node groups (`docker`, `adm`, `disk`) and give an escaped process their files.',
    remediation: "Use a dedicated GID above 10000 for `runAsGroup`, `fsGroup` and `supplementalGroups` (Bulkhead writes 10001) and make the image's files group-readable by it.",
    references: [{ standard: 'cwe', id: 250 }],
    aliases: [
      { tool: 'kubesec', id: 'RunAsGroup' },
      { tool: 'trivy', id: 'AVD-KSV-0021' },
      { tool: 'trivy', id: 'AVD-KSV-0116' },
    ],
    messages: {
      rootGroup: '{{field}}: 0 gives {{owner}} the root group.',
      lowGid: '{{field}}: {{gid}} gives {{owner}} a GID a node group may hold (10000 or below).',
    },
    fix: { applicability: 'unsafe', title: 'Use GID 10001', review: 'files the container reaches through its group must be open to GID 10001' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsGroup: 0\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsGroup: 10001\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S023'],
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      if (usesUserNamespace(podSpec)) continue;
      const doc = podSpec.object.doc;
      for (const sc of distinctSecurityContexts(podSpec)) {
        const owner = sc.level === 'pod' ? 'the pod' : `container "${sc.containers[0].name}"`;
        const check = (field: string, node: Node | undefined): void => {
          if (!isScalar(node) || typeof node.value !== 'number' || node.value > HIGH_ID_THRESHOLD || node.value < 0) return;
          const gid = node.value;
          report({ messageId: gid === 0 ? 'rootGroup' : 'lowGid', data: { field, gid, owner }, range: doc.rangeOf(node), fix: [replace(doc.rangeOf(node), String(NON_ROOT_ID))] });
        };
        check('runAsGroup', doc.get(sc.node, 'runAsGroup'));
        if (sc.level !== 'pod') continue;
        check('fsGroup', doc.get(sc.node, 'fsGroup'));
        for (const item of doc.items(doc.get(sc.node, 'supplementalGroups'))) check('supplementalGroups', item);
      }
    }
  },
});
