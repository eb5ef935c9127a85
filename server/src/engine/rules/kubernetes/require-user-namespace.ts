import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { isTemplatedPath, isWindowsPod, podSpecKeyOrder } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];

export default defineRule({
  meta: {
    id: 'K8S025',
    name: 'require-user-namespace',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Pod does not use a user namespace',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      'With `hostUsers: false` the pod gets its own user namespace: UID 0 inside maps to an unprivileged UID on the node, and capabilities only apply inside the namespace, so most escapes land as nobody. It needs Kubernetes 1.33+ (beta, on by default) and a runtime and filesystem that support ID-mapped mounts, hence off by default.',
    remediation:
      'Add `hostUsers: false` to the pod spec once your nodes support user namespaces. It cannot be combined with host namespaces (`hostNetwork`, `hostPID`, `hostIPC`) or some volume types.',
    references: [{ standard: 'url', title: 'Kubernetes: User Namespaces', href: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' }],
    aliases: [{ tool: 'kubesec', id: 'HostUsers' }],
    messages: {
      hostUsers: "The pod shares the node's user namespace: root in the container is root on the node; set hostUsers: false.",
    },
    fix: { applicability: 'unsafe', title: 'Set hostUsers: false', review: 'the nodes need user namespaces (Kubernetes 1.30 or later), and some volume types do not support them' },
    absent: ['hostUsers'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostUsers: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S007', 'K8S016'],
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      const doc = podSpec.object.doc;
      const node = doc.get(podSpec.node, 'hostUsers');
      if ((isScalar(node) && node.value === false) || isWindowsPod(podSpec) || isTemplatedPath(doc, podSpec.node, 'hostUsers')) continue;
      // The API server rejects hostUsers: false next to a host namespace: no fix until K8S007's is applied.
      const blocked = HOST_NAMESPACES.some((f) => doc.scalar(podSpec.node, f) === true);
      const fix = blocked ? undefined : () => [yamlSet(doc, podSpec.node, ['hostUsers'], false, podSpecKeyOrder(podSpec))];
      report({ messageId: 'hostUsers', range: doc.rangeOf(node ?? podSpec.key), fix });
    }
  },
});
