import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { describeSetting, isInterpolated, serviceSettings } from '../../parse/compose';
import { rewriteScalar } from '../../edits/compose';

/** Restart attempts beyond this keep a crashing (or crash-looping exploit) service cycling. */
const MAX_RETRIES = 5;

/** How often a `restart:` value retries: Infinity for `always`, `unless-stopped`, `on-failure` without a count; 0 for `no`. */
function retries(policy: string): number {
  const m = /^on-failure(?::(\d+))?$/.exec(policy);
  if (m) return m[1] === undefined || Number(m[1]) === 0 ? Infinity : Number(m[1]);
  return policy === 'always' || policy === 'unless-stopped' ? Infinity : 0;
}

const verdict = (attempts: number) => (attempts === Infinity ? 'restartsForever' : 'tooManyRetries');

export default defineRule({
  meta: {
    id: 'DC019',
    name: 'require-restart-limit',
    appliesTo: 'compose',
    title: 'Restart policy without a retry limit',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      '`restart: always` or `unless-stopped` restarts a failing container forever: an exploit that crashes the service gets unlimited attempts (brute-forcing ASLR or a race), and a crash loop hides the failure while it loads the host. `on-failure:5` restarts after genuine crashes and then stops, so someone looks. Off by default: long-running services often rely on `unless-stopped` to come back after a host reboot.',
    remediation: 'Use `restart: on-failure:5` (or `deploy.restart_policy` with `condition: on-failure` and `max_attempts: 5`), and monitor containers that exit.',
    references: [{ standard: 'cis-docker', section: '5.15', title: "Ensure that the 'on-failure' container restart policy is set to '5'" }],
    aliases: [{ tool: 'kics', id: 'Restart Policy On Failure Not Set To 5' }],
    messages: {
      restartsForever: 'Service "{{service}}" restarts without limit ({{policy}}).',
      tooManyRetries: 'Service "{{service}}" retries {{attempts}} times before giving up ({{policy}}); at most 5 keeps a crash loop visible.',
    },
    fix: { applicability: 'unsafe', title: 'Set restart: on-failure:5', review: 'the service stays down after five failed restarts' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n',
    },
    since: '0.2.0',
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'restart')) {
      const { doc, pair } = setting;
      const value = doc.scalar(pair.value);
      if (typeof value !== 'string' || isInterpolated(value)) continue;
      const attempts = retries(value.trim());
      if (attempts <= MAX_RETRIES) continue;
      const { service, related } = describeSetting(setting);
      report({
        messageId: verdict(attempts),
        data: { service, policy: value, attempts: String(attempts) },
        range: doc.rangeOf(pair.value),
        fix: () => [rewriteScalar(doc, pair.value!, `on-failure:${MAX_RETRIES}`)],
        related,
      });
    }
    // Swarm-style `deploy.restart_policy`: any condition but `none` restarts until max_attempts (default: forever).
    for (const setting of serviceSettings(compose, 'deploy')) {
      const { doc } = setting;
      const policyPair = doc.pair(setting.pair.value, 'restart_policy');
      const policy = doc.deref(policyPair?.value);
      const condition = String(doc.scalar(policy, 'condition') ?? 'any');
      if (!policyPair || !policy || condition === 'none' || isInterpolated(condition)) continue;
      const attemptsNode = doc.get(policy, 'max_attempts');
      const attempts = doc.scalar(policy, 'max_attempts');
      if (isInterpolated(attempts)) continue;
      const count = attempts === undefined || attempts === null || Number(attempts) === 0 ? Infinity : Number(attempts);
      if (!(count > MAX_RETRIES)) continue;
      const { service, related } = describeSetting(setting);
      report({
        messageId: verdict(count),
        data: { service, policy: `restart_policy condition ${condition}`, attempts: String(count) },
        range: doc.rangeOf(attemptsNode ?? policyPair.key),
        fix: () => [yamlSet(doc, policy, ['max_attempts'], MAX_RETRIES)],
        fixTitle: `Set max_attempts: ${MAX_RETRIES}`,
        related,
      });
    }
  },
});
