import { defineRule } from '../../rule';
import type { Range } from '../../model';
import { baseName } from '../../detect';
import { isKustomizationName, parseKustomization } from '../../parse/kustomization';
import { isManifestFile, kustomizationIn } from '../../workspace/kustomize';
import { parseTarget } from '../../workspace/kustomizeTarget';
import { dirname, resolvePath } from '../../workspace/paths';
import type { WorkspaceFacts } from '../../workspace/facts';

/** Local bases followed from one kustomization, and how deep: a chain past either is not followed further. */
const MAX_KUSTOMIZATIONS = 100;
const MAX_DEPTH = 20;

export default defineRule({
  meta: {
    id: 'XF017',
    name: 'kustomize-not-evaluated',
    appliesTo: 'kubernetes',
    title: 'Part of a kustomization is not evaluated offline',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'Some of what a kustomization deploys cannot be known from the repository alone: remote bases are fetched at build time, generators add objects with hash-suffixed names, `helmCharts` render a chart, replacements and plugins rewrite fields. Bulkhead does not guess what they produce, so its findings do not cover those objects; saying so once per kustomization keeps silence from reading as "everything this overlay deploys was checked". A kustomization that includes itself, or a chain of bases deeper than Bulkhead follows, is reported the same way instead of being walked forever, and so is a patch `target` whose regular expression or label selector does not compile (the patch is applied to nothing rather than guessed).',
    remediation:
      'Nothing is wrong with the kustomization for this finding alone. Vendor remote bases into the repository to have them checked, keep generated objects few and simple, or turn the rule off. Break a cycle of `resources` that lead back to the kustomization itself.',
    references: [{ standard: 'url', title: 'Kustomize: kustomization file', href: 'https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/' }],
    aliases: [],
    messages: { notEvaluated: 'Not evaluated offline: {{what}}.' },
    examples: {
      fileName: 'kustomization.yaml',
      bad: 'resources:\n  - deployment.yaml\n  - https://github.com/example/platform//base?ref=v1.2.0\n',
      good: 'resources:\n  - deployment.yaml\n',
      workspace: { 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' },
    },
    since: '0.3.0',
  },
  check({ src, workspace, report }) {
    if (!isKustomizationName(baseName(src.uri))) return;
    const own = parseKustomization(src);
    if (!own) return;
    const reasons = own.notEvaluated.map((n) => ({ ...n }));
    for (const target of own.patchTargets) {
      const parsed = parseTarget(target.value);
      if ('invalid' in parsed) reasons.push({ what: parsed.invalid, range: target.range });
    }
    if (workspace) reasons.push(...unfollowedBases(workspace, own.resources));
    if (reasons.length === 0) return;
    report({ messageId: 'notEvaluated', data: { what: reasons.map((r) => r.what).join(', ') }, range: reasons[0].range });
  },
});

/**
 * Walks the local bases (directories with a kustomization) breadth first, bounded: a base that leads
 * back to a kustomization on its own path is a cycle, a chain past the bounds is left unfollowed.
 * A base outside the workspace is never read: the analysis reports it as such (BH006).
 */
function unfollowedBases(workspace: WorkspaceFacts, resources: Array<{ value: string; range: Range }>): Array<{ what: string; range: Range }> {
  const out: Array<{ what: string; range: Range }> = [];
  const start = workspace.documentDir;
  // Each pending base keeps the entry of this file it came from (where a finding goes) and its chain of directories.
  const pending = resources.map((r) => ({ dir: resolvePath(start, r.value), entry: r, chain: [start] }));
  let followed = 0;
  while (pending.length > 0) {
    const { dir, entry, chain } = pending.shift()!;
    if (chain.length === 1 && !workspace.canFollow(dir, entry.value, entry.range)) continue;
    if (!workspace.inside(dir) || isManifestFile(dir)) continue;
    if (chain.includes(dir)) {
      out.push({ what: `${entry.value} includes ${dir === start ? 'this kustomization' : 'a kustomization of its own chain'} again (a cycle)`, range: entry.range });
      continue;
    }
    if (chain.length > MAX_DEPTH || followed >= MAX_KUSTOMIZATIONS) {
      out.push({ what: `bases of ${entry.value} beyond ${MAX_DEPTH} levels or ${MAX_KUSTOMIZATIONS} kustomizations`, range: entry.range });
      break;
    }
    const base = kustomizationIn(workspace, dir);
    if (!base) continue; // a file resource, or a directory without a kustomization
    followed++;
    for (const n of base.kustomization.notEvaluated) out.push({ what: `${n.what} (in ${entry.value})`, range: entry.range });
    for (const r of base.kustomization.resources) pending.push({ dir: resolvePath(dirname(base.path), r.value), entry, chain: [...chain, dir] });
  }
  return out;
}
