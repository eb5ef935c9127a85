// Runs one cluster rule's rows of the CIS flag table (policy/cluster/flagChecks.ts) over every control-plane
// component the file configures, and builds the fix: the recommended value written in place or added.
import type { Alias, FixMeta, Reference } from '../../model';
import type { K8sContext } from '../../rule';
import { cisKubernetes } from '../../parse/k8sObjects';
import { componentSettings } from './clusterComponents';
import { CIS_TITLES, FLAG_CHECKS, checkName, fixedValue, flagProblem, type Component, type FlagCheck, type FlagRuleId } from '../../policy/cluster/flagChecks';

export const FLAG_MESSAGES = { flag: '{{component}} {{setting}} {{problem}} (CIS Kubernetes Benchmark {{cis}}).' };
/** For a rule with rows the benchmark does not list (no section to cite). */
export const UNCITED_MESSAGE = { uncited: '{{component}} {{setting}} {{problem}}.' };

export const FLAG_FIX: FixMeta = {
  applicability: 'unsafe',
  title: 'Set the setting to the CIS-recommended value',
  review: 'clients, probes or add-ons that relied on the old value stop working until they are given credentials or moved',
};

const rowsOf = (rule: FlagRuleId): FlagCheck[] => FLAG_CHECKS[rule];

/** The CIS sections a rule's rows cite, as references (one per section, with the benchmark's wording). */
export function flagReferences(rule: FlagRuleId): Reference[] {
  const sections = [...new Set(rowsOf(rule).flatMap((c) => (c.cis ? [c.cis] : [])))];
  return sections.map((s) => cisKubernetes(s, CIS_TITLES[s]));
}

/** The peers' ids of a rule's rows, each naming the checks (rows) it is: a peer id is one check, not the rule. */
export function flagAliases(rule: FlagRuleId): Alias[] {
  const aliases = new Map<string, Alias & { checks: string[] }>();
  for (const row of rowsOf(rule)) {
    for (const [tool, id] of Object.entries(row.peers ?? {}) as Array<['checkov' | 'trivy', string]>) {
      const alias = aliases.get(id) ?? { tool, id, checks: [] };
      if (!alias.checks.includes(checkName(row))) alias.checks.push(checkName(row));
      aliases.set(id, alias);
    }
  }
  return [...aliases.values()];
}

export function checkClusterFlags(ctx: K8sContext<'flag' | 'uncited'>, rule: FlagRuleId): void {
  for (const settings of componentSettings(ctx.k8s)) {
    const doc = settings.object.doc;
    for (const check of rowsOf(rule)) {
      const name = settings.fields ? check.field?.path : check.flag;
      if (check.component !== settings.component || !name) continue;
      if (check.requires && !settings.written(check.requires) && !settings.implied(check.requires)) continue;
      const written = settings.written(name);
      if (written && doc.isTemplated(written.node)) continue;
      const implied = written ? undefined : settings.implied(name);
      if (!written && implied === undefined && settings.unsetIsUnknown) continue;
      const fallback = settings.fields ? check.field?.default : check.default;
      const value = written?.value ?? implied ?? fallback;
      const problem = flagProblem(check.expect, value);
      if (!problem) continue;
      const setting = settings.fields ? name : `--${name}`;
      const fixed = fixOf(check, value);
      const edit = fixed === undefined ? undefined : fixed === '' ? written?.remove() : settings.set(name, fixed);
      ctx.report({
        messageId: check.cis ? 'flag' : 'uncited',
        data: { component: settings.label, setting, problem: written || implied !== undefined || !value ? problem : `is not set and defaults to ${value}`, cis: check.cis ?? '' },
        check: checkName(check),
        range: doc.rangeOf(written?.node ?? settings.anchor),
        ...(fixed !== undefined && (edit || fixed !== '') ? { fix: [edit], fixTitle: fixed === '' ? `Remove ${setting}` : `Set ${setting} to ${fixed}` } : {}),
      });
    }
  }
}

/** The fix's value; none when it would remove a setting whose default fails the check as well. */
function fixOf(check: FlagCheck, value: string | undefined): string | undefined {
  const fixed = fixedValue(check.expect, value);
  return fixed === '' && check.default !== undefined && flagProblem(check.expect, check.default) !== undefined ? undefined : fixed;
}

/** A kubeadm-style static pod running `component` with `flags`, for the rules' examples. */
export function staticPodExample(component: Exclude<Component, 'kubelet'>, flags: string[]): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `    - name: ${component}`,
    `      image: registry.k8s.io/${component}:v1.30.0`,
    '      command:',
    `        - ${component}`,
    ...flags.map((f) => `        - --${f}`),
    '',
  ].join('\n');
}

/** A KubeletConfiguration with `fields` (already rendered YAML lines), for the rules' examples. */
export function kubeletConfigExample(fields: string[]): string {
  return ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', ...fields, ''].join('\n');
}
