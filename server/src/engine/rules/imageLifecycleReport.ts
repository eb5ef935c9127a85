// The end-of-life rules of the three formats (DF040, DC027, K8S070) judge an image reference as written
// and report it the same way; only how the replacement is written differs (bare in a Dockerfile, quoted
// in YAML).
import type { Range, RelatedInfo } from '../model';
import type { EngineOptions } from '../config';
import type { Report } from '../rule';
import { replace } from '../edits/text';
import { parseImageRef } from '../policy/images';
import { imageLifecycleFinding, todayOf, type LifecycleFinding } from '../policy/imageLifecycle';

type LifecycleMessage = 'endOfLife' | 'nearEnd';

/** Findings by day and image: a workspace names the same few images again and again. */
const findings = new Map<string, LifecycleFinding | null>();
const MAX_REMEMBERED = 2000;

function lifecycleFinding(image: string, today: string): LifecycleFinding | undefined {
  const key = `${today} ${image}`;
  let found = findings.get(key);
  if (found === undefined) {
    const ref = parseImageRef(image);
    found = (ref && imageLifecycleFinding(image, ref, today)) || null;
    if (findings.size >= MAX_REMEMBERED) findings.clear();
    findings.set(key, found);
  }
  return found ?? undefined;
}

/**
 * Whether `reportImageLifecycle` reports `image`: a rule whose range or related information costs
 * something to work out (every service of a large Compose file) asks first, for the few images reported.
 */
export function endsLife(options: EngineOptions, image: string): boolean {
  return lifecycleFinding(image, todayOf(options.today)) !== undefined;
}

/** Reports `image` (written at `range`) when its release has ended or ends soon, with the nearest supported tag as the fix. */
export function reportImageLifecycle(
  report: (r: Report<LifecycleMessage>) => void,
  options: EngineOptions,
  image: string,
  range: Range,
  { written = (replacement: string) => replacement, related }: { written?: (replacement: string) => string; related?: RelatedInfo[] } = {},
): void {
  const found = lifecycleFinding(image, todayOf(options.today));
  if (!found) return;
  const { replacement } = found;
  report({
    messageId: found.messageId,
    data: { ...found.data, ...(replacement ? { replacement } : {}) },
    range,
    ...(related ? { related } : {}),
    // A release near its end is a warning ahead of time, not the rule's error.
    ...(found.messageId === 'nearEnd' ? { severity: 'info' as const } : {}),
    ...(replacement ? { fix: [replace(range, written(replacement))] } : {}),
  });
}
