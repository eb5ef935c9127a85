// The resource-limit rules (memory, CPU, PIDs) share one check: a service is limited when any of its
// limit keys, or the matching `deploy.resources.limits` key, holds a positive value.
import { renderScalar } from '../../edits/yaml';
import { replace } from '../../edits/text';
import { describeSetting, groupResolved, isInterpolated, resolveSetting, type ComposeService, type ResolvedSetting } from '../../parse/compose';
import type { ComposeContext } from '../../rule';
import { insertLimit, type LimitDefault } from '../../edits/compose';

export interface ResourceLimitSpec extends LimitDefault {
  /** Every service key that limits the resource (`cpus`, `cpu_shares`, `cpu_quota`). */
  keys: string[];
  /** What a value meaning "no limit" (0, -1) is replaced with, per key; a key without one gets no fix. */
  replacements: Record<string, string | number>;
}

type LimitState = { state: 'limited' | 'unknown' | 'missing' } | { state: 'unlimited'; key: string; setting: ResolvedSetting };

/** 0 and negative numbers mean "no limit" to Docker; units (`512m`) and `${…}` are judged limited or unknown. */
function judge(value: unknown): 'limited' | 'unlimited' | 'unknown' | undefined {
  if (value === null || value === undefined) return undefined;
  if (isInterpolated(value)) return 'unknown';
  const n = parseFloat(String(value));
  return Number.isFinite(n) && n <= 0 ? 'unlimited' : 'limited';
}

/** The paths that limit the resource: each service key, then `deploy.resources.limits.<key>`. */
const limitPaths = (spec: ResourceLimitSpec): string[][] => [...spec.keys.map((k) => [k]), ['deploy', 'resources', 'limits', spec.deployKey]];

function limitState(ctx: ComposeContext, service: ComposeService, paths: string[][]): LimitState {
  let unknown = false;
  let unlimited: LimitState | undefined;
  for (const path of paths) {
    const setting = resolveSetting(ctx.compose, service, path);
    if (setting === 'unknown') {
      unknown = true;
      continue;
    }
    const verdict = setting && judge(setting.doc.scalar(setting.pair.value));
    if (verdict === 'limited') return { state: 'limited' };
    if (verdict === 'unknown') unknown = true;
    if (verdict === 'unlimited' && setting) unlimited ??= { state: 'unlimited', key: path.join('.'), setting };
  }
  return unknown ? { state: 'unknown' } : (unlimited ?? { state: 'missing' });
}

/**
 * Reports services without a limit on their service key, with an edit adding one, and values meaning
 * "no limit" once where they are written (an anchor or a base service), with an edit replacing them.
 */
export function checkResourceLimit(ctx: ComposeContext<'missing' | 'unlimited'>, spec: ResourceLimitSpec): void {
  const unlimited: Array<{ service: ComposeService; setting: ResolvedSetting; key: string }> = [];
  const paths = limitPaths(spec);
  for (const service of ctx.compose.services) {
    const limit = limitState(ctx, service, paths);
    if (limit.state === 'unlimited') unlimited.push({ service, setting: limit.setting, key: limit.key });
    if (limit.state !== 'missing') continue;
    const { edit, written } = insertLimit(service.doc, service.node, spec);
    ctx.report({ messageId: 'missing', data: { service: service.name }, range: service.doc.rangeOf(service.keyNode), fix: () => [edit()], fixTitle: `Add ${written}` });
  }
  for (const group of groupResolved(unlimited)) {
    const { doc, pair } = group;
    const key = unlimited.find((u) => u.setting.pair === pair)!.key;
    const replacement = spec.replacements[key.split('.').pop()!];
    const { service, related } = describeSetting(group);
    const valueNode = pair.value!;
    const fix = replacement === undefined ? {} : { fix: [replace(doc.rangeOf(valueNode), renderScalar(replacement))], fixTitle: `Set ${key}: ${renderScalar(replacement)}` };
    ctx.report({ messageId: 'unlimited', data: { service, key, value: doc.src.textOf(doc.rangeOf(valueNode)) }, range: doc.rangeOf(valueNode), related, ...fix });
  }
}
