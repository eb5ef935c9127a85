import { defineRule } from '../../rule';
import { checkResourceLimit } from './limits';

export default defineRule({
  meta: {
    id: 'DC018',
    name: 'require-pids-limit',
    appliesTo: 'compose',
    title: 'Service process count not limited',
    severity: 'info',
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      "Without a PIDs limit, a fork bomb or a process leak in one container exhausts the host's process table, and no other container or host service can start a process. `pids_limit: -1` (or 0) turns the limit off explicitly.",
    remediation:
      'Set `pids_limit` (or `deploy.resources.limits.pids`) to a bound the service never reaches in normal work; 200 suits most single-process services, thread-heavy runtimes such as the JVM need more.',
    references: [
      { standard: 'cis-docker', section: '5.29', title: 'Ensure that the PIDs cgroup limit is used' },
      { standard: 'cwe', id: 770 },
    ],
    aliases: [{ tool: 'kics', id: 'Pids Limit Not Set' }],
    messages: {
      missing: 'Service "{{service}}" has no PIDs limit: a fork bomb can exhaust the host.',
      unlimited: 'Service "{{service}}" sets {{key}}: {{value}}, which turns the PIDs limit off.',
    },
    fix: { applicability: 'unsafe', title: 'Add pids_limit: 200', review: 'a service that needs more than 200 processes or threads fails to start more; set the limit from its real usage' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200\n',
    },
    since: '0.2.0',
    related: ['DC016', 'DC017'],
  },
  check(ctx) {
    checkResourceLimit(ctx, { keys: ['pids_limit'], key: 'pids_limit', value: 200, deployKey: 'pids', deployValue: 200, replacements: { pids_limit: 200, pids: 200 } });
  },
});
