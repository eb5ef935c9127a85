import { defineRule } from '../../rule';
import { HOST_PATH_MESSAGE, hostPathRisk } from '../../policy/hostPaths';
import { hostPathSources } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S005',
    name: 'no-sensitive-host-path',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Host system path or container runtime socket mounted',
    severity: 'error',
    threat: 'vulnerable-host',
    principle: 'least-privilege',
    rationale:
      "A `hostPath` volume of the container runtime socket gives the pod the node's container API, and with it root on the node. Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/var/lib/kubelet` or `/var/lib/docker` exposes node credentials (kubelet certificates, service-account tokens of every pod), kernel interfaces and other workloads' data.",
    remediation:
      'Use `emptyDir`, a PersistentVolumeClaim, a ConfigMap or a projected volume instead. Node agents that truly need host access belong in a dedicated, separately reviewed namespace with an admission policy that allows exactly them.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'HostPath Volumes' },
      { standard: 'cis-docker', section: '5.5', title: 'Ensure sensitive host system directories are not mounted on containers' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'sensitive-host-mounts' },
      { tool: 'kube-linter', id: 'docker-sock' },
      { tool: 'checkov', id: 'CKV_K8S_27' },
      { tool: 'trivy', id: 'AVD-KSV-0006' },
      { tool: 'trivy', id: 'AVD-KSV-0121' },
      { tool: 'kubesec', id: 'DockerSock' },
      { tool: 'kubesec', id: 'ProcMount' },
      { tool: 'semgrep', id: 'exposing-docker-socket-hostpath' },
    ],
    messages: {
      runtimeSocket: 'Volume "{{volume}}" mounts the container runtime socket {{path}}: that is root on the node.',
      hostRoot: 'Volume "{{volume}}" mounts the node\'s root filesystem.',
      systemPath: 'Volume "{{volume}}" mounts the node system path {{path}}.',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: example/agent:1.4\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: example/agent:1.4\n  volumes:\n    - name: cache\n      emptyDir: {}\n',
    },
    since: '0.1.0',
    related: ['DC002'],
  },
  check({ k8s, report }) {
    for (const source of hostPathSources(k8s)) {
      const doc = source.object.doc;
      const { pathNode } = source;
      const path = isScalar(pathNode) ? pathNode.value : undefined;
      if (typeof path !== 'string' || !pathNode || doc.isTemplated(pathNode)) continue;
      const risk = hostPathRisk(path);
      if (risk) report({ messageId: HOST_PATH_MESSAGE[risk], data: { volume: source.name, path }, range: doc.rangeOf(pathNode) });
    }
  },
});
