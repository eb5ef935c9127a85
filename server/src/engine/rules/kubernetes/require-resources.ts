import { defineRule } from '../../rule';
import { insertPairs, yamlSet, type YamlValue } from '../../edits/yaml';
import type { TextEdit } from '../../model';
import { isMap } from '../../parse/yaml';
import { CONTAINER_KEY_ORDER, isTemplatedPath } from '../../parse/kubernetes';

/** Placeholders the fix writes, to be sized from real usage. */
const PLACEHOLDER: Record<'requests' | 'limits', Partial<Record<'cpu' | 'memory', string>>> = {
  requests: { cpu: '100m', memory: '128Mi' },
  // No CPU limit: CPU is compressible and requests already share it fairly, while limits throttle.
  limits: { memory: '256Mi' },
};

export default defineRule({
  meta: {
    id: 'K8S061',
    name: 'require-resources',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container has no CPU and memory requests or memory limit',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'blast-radius',
    rationale:
      'A container without a memory limit can take all the memory of its node, and one without requests gets no guaranteed share of CPU: a leak, a fork bomb or a cryptominer in one pod starves or evicts every other pod there. Without requests the scheduler cannot place it sensibly and it is evicted first under pressure.',
    remediation:
      'Set `resources.requests` from observed usage and `resources.limits.memory` a little above the peak; a LimitRange in the namespace can supply defaults. A CPU limit is not required (CPU is shared by requests and a limit only throttles), unlike checkov CKV_K8S_11 and Trivy KSV-0011. The fix inserts placeholder values to be sized.',
    references: [
      { standard: 'url', title: 'CIS Kubernetes Benchmark 5.7: General policies (resource limits)', href: 'https://www.cisecurity.org/benchmark/kubernetes' },
      { standard: 'cwe', id: 770 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'unset-cpu-requirements' },
      { tool: 'kube-linter', id: 'unset-memory-requirements' },
      { tool: 'kubesec', id: 'RequestsCPU' },
      { tool: 'kubesec', id: 'LimitsCPU' },
      { tool: 'kubesec', id: 'RequestsMemory' },
      { tool: 'kubesec', id: 'LimitsMemory' },
      { tool: 'checkov', id: 'CKV_K8S_10' },
      { tool: 'checkov', id: 'CKV_K8S_11' },
      { tool: 'checkov', id: 'CKV_K8S_12' },
      { tool: 'checkov', id: 'CKV_K8S_13' },
      { tool: 'trivy', id: 'AVD-KSV-0011' },
      { tool: 'trivy', id: 'AVD-KSV-0015' },
      { tool: 'trivy', id: 'AVD-KSV-0016' },
      { tool: 'trivy', id: 'AVD-KSV-0018' },
      { tool: 'polaris', id: 'cpuRequestsMissing' },
      { tool: 'polaris', id: 'cpuLimitsMissing' },
      { tool: 'polaris', id: 'memoryRequestsMissing' },
      { tool: 'polaris', id: 'memoryLimitsMissing' },
    ],
    messages: { unset: 'Container "{{container}}" does not set {{missing}}.' },
    fix: { applicability: 'unsafe', title: 'Add placeholder requests and limits', review: "the placeholder values must come from the container's real usage, or it is throttled or killed" },
    absent: ['unset'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n        limits: {memory: 256Mi}\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      if (c.group === 'ephemeralContainers') continue; // ephemeral containers may not set resources
      const doc = c.podSpec.object.doc;
      if (isTemplatedPath(doc, c.node, 'resources')) continue;
      const resources = doc.get(c.node, 'resources');
      const missing: Record<string, Record<string, string>> = {};
      for (const section of ['requests', 'limits'] as const) {
        if (isTemplatedPath(doc, resources, section)) continue;
        for (const [kind, placeholder] of Object.entries(PLACEHOLDER[section])) {
          if (doc.get(resources, section, kind) === undefined) (missing[section] ??= {})[kind] = placeholder;
        }
      }
      const names = Object.entries(missing).flatMap(([s, kinds]) => Object.keys(kinds).map((k) => `${s}.${k}`));
      if (!names.length) continue;
      const edits = (): Array<TextEdit | undefined> => {
        if (!resources || !isMap(resources)) return [yamlSet(doc, c.node, ['resources'], missing as YamlValue, CONTAINER_KEY_ORDER)];
        // Sections missing altogether go in as one insertion; edits at one point would run together.
        const out: Array<TextEdit | undefined> = [];
        const absent: Record<string, YamlValue> = {};
        for (const [section, values] of Object.entries(missing)) {
          const map = doc.get(resources, section);
          if (map && isMap(map)) out.push(insertPairs(doc, map, values));
          else if (map === undefined) absent[section] = values;
          else out.push(yamlSet(doc, resources, [section], values));
        }
        if (Object.keys(absent).length) out.push(insertPairs(doc, resources, absent));
        return out;
      };
      report({ messageId: 'unset', data: { container: c.name, missing: names.join(', ') }, range: doc.rangeOf(c.anchor), fix: edits });
    }
  },
});
