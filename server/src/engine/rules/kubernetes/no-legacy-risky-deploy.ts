import { defineRule } from '../../rule';
import { commandLine, describeObject, objectLabels, objectRange, stringMap } from '../../parse/k8sObjects';
import { parseImageRef } from '../../policy/images';
import { imageNodeOf, keptPer, type PodSpec } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

const TILLER_IMAGE = /(^|\/)tiller$/;
/** Tiller's own flags: a mirrored or renamed image still runs the same server. */
const TILLER_ARGS = /^--(storage=(configmap|secret|memory)|history-max=|tls-verify|tiller-tls)/;

const isTillerLabelled = (labels: Readonly<Record<string, string>>): boolean => labels.app === 'helm' && labels.name === 'tiller';

/** Tiller as its chart labels it (`app: helm, name: tiller`), on the pod template or the workload: judged once per pod, not per container. */
const tillerLabels: (podSpec: PodSpec) => boolean = keptPer((podSpec) => {
  const { object, template } = podSpec;
  const templateLabels = template === object.node ? undefined : stringMap(object, object.doc.get(template, 'metadata', 'labels'));
  return isTillerLabelled(templateLabels ?? {}) || isTillerLabelled(objectLabels(object));
});
const DASHBOARD_IMAGE = /(^|\/)kubernetes-dashboard(-[a-z0-9]+)?$|^kubernetesui\/dashboard(-[a-z]+)?$/;

export default defineRule({
  meta: {
    id: 'K8S055',
    name: 'no-legacy-risky-deploy',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Tiller or the Kubernetes dashboard is deployed',
    severity: 'warning',
    threat: 'vulnerable-code',
    principle: 'attack-surface',
    rationale:
      'Tiller (Helm 2, unmaintained since 2020) runs with cluster-wide rights and answers unauthenticated gRPC on port 44134 to any pod that reaches it. The Kubernetes dashboard is a web UI with its own service account, long a favourite target when exposed or given broad rights.',
    remediation:
      'Move to Helm 3 (no in-cluster component) and delete Tiller. Remove the dashboard, or run it with the minimal "read only" role, behind authentication, and only reachable through `kubectl proxy`.',
    references: [
      { standard: 'url', title: 'Helm: Changes since Helm 2 (removal of Tiller)', href: 'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller' },
      { standard: 'cwe', id: 1104 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_33' },
      { tool: 'checkov', id: 'CKV_K8S_34' },
      { tool: 'checkov', id: 'CKV_K8S_44' },
      { tool: 'checkov', id: 'CKV_K8S_45' },
      { tool: 'trivy', id: 'AVD-KSV-0102' },
    ],
    messages: {
      tiller: '{{object}} runs Tiller (Helm 2): it has cluster-wide rights and {{listen}}.',
      tillerService: "{{object}} exposes Tiller's unauthenticated gRPC port to the cluster.",
      dashboard: '{{object}} runs the Kubernetes dashboard, a frequent way into clusters.',
    },
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tiller-deploy\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      containers:\n        - name: tiller\n          image: gcr.io/kubernetes-helm/tiller:v2.16.12\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const node = imageNodeOf(c);
      const ref = parseImageRef(String((isScalar(node) ? node.value : undefined) ?? ''));
      if (!ref || !node) continue;
      const object = describeObject(c.podSpec.object);
      const args = commandLine(c);
      if (TILLER_IMAGE.test(ref.repository) || args.some((a) => TILLER_ARGS.test(a) || /(^|\/)tiller$/.test(a)) || tillerLabels(c.podSpec)) {
        const local = args.some((a) => /^--listen=(localhost|127\.0\.0\.1):/.test(a));
        report({ messageId: 'tiller', data: { object, listen: local ? 'listens on localhost only' : 'answers unauthenticated requests from any pod' }, range: doc.rangeOf(node) });
      } else if (DASHBOARD_IMAGE.test(ref.repository)) {
        report({ messageId: 'dashboard', data: { object }, range: doc.rangeOf(node) });
      }
    }
    for (const object of k8s.objects) {
      if (object.kind !== 'Service') continue;
      const selector = stringMap(object, object.doc.get(object.node, 'spec', 'selector')) ?? {};
      if (object.name === 'tiller-deploy' || (selector.app === 'helm' && selector.name === 'tiller'))
        report({ messageId: 'tillerService', data: { object: describeObject(object) }, range: objectRange(object) });
    }
  },
});
