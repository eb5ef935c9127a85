import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { describeObject } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S056',
    name: 'no-scc-privileged',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'OpenShift SecurityContextConstraints admit privileged containers',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale: 'An SCC with `allowPrivilegedContainer: true` lets every user and service account granted it start privileged containers, which own the node they land on.',
    remediation: 'Set `allowPrivilegedContainer: false`, start from the built-in `restricted-v2` SCC, and grant a privileged SCC only to the one service account that needs it.',
    references: [
      {
        standard: 'url',
        title: 'OpenShift: Managing security context constraints',
        href: 'https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html',
      },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [{ tool: 'kube-linter', id: 'scc-deny-privileged-container' }],
    messages: { privileged: '{{scc}} admits privileged containers.' },
    fix: { applicability: 'unsafe', title: 'Set allowPrivilegedContainer: false', review: 'pods that needed privileged mode under this SCC are refused' },
    examples: {
      bad: 'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: app\nallowPrivilegedContainer: true\n',
      good: 'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: app\nallowPrivilegedContainer: false\n',
    },
    since: '0.2.0',
    related: ['K8S001'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'SecurityContextConstraints') continue;
      const doc = object.doc;
      const node = doc.get(object.node, 'allowPrivilegedContainer');
      if (node && doc.scalar(object.node, 'allowPrivilegedContainer') === true) {
        report({ messageId: 'privileged', data: { scc: describeObject(object) }, range: doc.rangeOf(node), fix: [replace(doc.rangeOf(node), 'false')] });
      }
    }
  },
});
