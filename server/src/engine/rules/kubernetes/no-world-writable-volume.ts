import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { isMap, isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import { numericGrantsOthersWrite } from '../../policy/fileModes';

/** Volume sources whose files take `defaultMode` / `items[].mode` (projected ones nest them under `sources`). */
const MODE_KEYS = new Set(['defaultMode', 'mode']);
/** How deep a volume's modes sit: volume → projected → sources[] → configMap → items[] → mode. */
const MAX_DEPTH = 6;

/**
 * The mode as Kubernetes reads it: the API server's YAML reads a leading 0 as octal (`0777`), JSON and
 * the rest as decimal (`511`). The YAML library here reads `0777` as decimal, so the source text decides.
 */
function modeValue(doc: YamlDocument, node: Node): { bits: number; octal: boolean } | undefined {
  if (!isScalar(node) || typeof node.value !== 'number' || doc.isTemplated(node)) return undefined;
  const [start, end] = doc.offsets(node);
  const text = doc.src.text.slice(start, end).replace(/^["']|["']$/g, '');
  if (/^0o?[0-7]+$/.test(text)) return { bits: parseInt(text.replace(/^0o?/, ''), 8), octal: true };
  return /^\d+$/.test(text) ? { bits: Number(text), octal: false } : undefined;
}

/** Every `defaultMode`/`mode` under a volume, depth-bounded. */
function modeNodes(doc: YamlDocument, node: Node | undefined, depth: number, out: Node[]): void {
  if (!node || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const { key, pair } of doc.entries(node)) {
      const value = doc.deref(pair.value);
      if (MODE_KEYS.has(key) && value) out.push(value);
      else modeNodes(doc, value, depth + 1, out);
    }
  } else for (const item of doc.items(node)) modeNodes(doc, item, depth + 1, out);
}

export default defineRule({
  meta: {
    id: 'K8S027',
    name: 'no-world-writable-volume',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Volume files writable by every user',
    severity: 'warning',
    threat: 'image-misconfiguration',
    principle: 'least-privilege',
    rationale:
      "A `defaultMode` or `mode` with the others-write bit (`0777`, `0666`, decimal `511`) asks for configuration, credentials or scripts that any user of any container sharing the volume may overwrite. Kubernetes mounts ConfigMap and Secret volumes read-only today, but the mode is also what an emptyDir copy, an init container's `cp -p` or a kubelet with the feature off keeps: write for others is never what such files need.",
    remediation: 'Grant read (and execute for scripts) only: `defaultMode: 0440` for credentials, `0644` or `0755` for configuration and scripts; with `fsGroup`, `0440`/`0550` lets the group read.',
    references: [
      { standard: 'cwe', id: 732 },
      { standard: 'url', title: 'Kubernetes: Secrets — using Secrets as files (file permissions)', href: 'https://kubernetes.io/docs/concepts/configuration/secret/#secret-files-permissions' },
    ],
    aliases: [],
    messages: { worldWritable: 'Volume "{{volume}}" gives its files mode {{mode}}: every user may write them.' },
    fix: { applicability: 'unsafe', title: 'Remove write access for others: {{fixed}}', review: 'other users lose write access: a process running as another user that writes there now fails' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: scripts\n      configMap:\n        name: web-scripts\n        defaultMode: 0777\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: scripts\n      configMap:\n        name: web-scripts\n        defaultMode: 0755\n',
    },
    since: '0.3.0',
    related: ['DF038'],
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      const doc = podSpec.object.doc;
      for (const volume of doc.items(doc.get(podSpec.node, 'volumes'))) {
        const nodes: Node[] = [];
        modeNodes(doc, volume, 0, nodes);
        for (const node of nodes) {
          const mode = modeValue(doc, node);
          if (!mode || !numericGrantsOthersWrite(mode.bits)) continue;
          const bits = mode.bits & ~0o002;
          const fixed = mode.octal ? `0${bits.toString(8).padStart(3, '0')}` : String(bits);
          const written = mode.octal ? `0${mode.bits.toString(8).padStart(3, '0')}` : String(mode.bits);
          const range = doc.rangeOf(node);
          report({ messageId: 'worldWritable', data: { volume: String(doc.scalar(volume, 'name') ?? ''), mode: written, fixed }, range, fix: [replace(range, fixed)] });
        }
      }
    }
  },
});
