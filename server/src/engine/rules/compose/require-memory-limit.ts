import { defineRule } from '../../rule';
import { checkResourceLimit } from './limits';

export default defineRule({
  meta: {
    id: 'DC016',
    name: 'require-memory-limit',
    appliesTo: 'compose',
    title: 'Service memory not limited',
    severity: 'info',
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      "Without a memory limit, one leaking or compromised container can take all of the host's memory: the kernel's out-of-memory killer then picks victims among every container and host process. A limit keeps a denial of service inside the service that caused it.",
    remediation:
      'Set `mem_limit` (or `deploy.resources.limits.memory` in files that use `deploy:`) to what the service needs under load plus headroom, measured with `docker stats`. The suggested 512m is a placeholder to review.',
    references: [
      { standard: 'cis-docker', section: '5.11', title: 'Ensure that the memory usage for containers is limited' },
      { standard: 'cwe', id: 770 },
    ],
    aliases: [{ tool: 'kics', id: 'Memory Not Limited' }],
    messages: {
      missing: 'Service "{{service}}" has no memory limit.',
      unlimited: 'Service "{{service}}" sets {{key}}: {{value}}, which means no memory limit.',
    },
    fix: { applicability: 'unsafe', title: 'Add mem_limit: "512m"', review: 'a service that needs more than 512 MB is killed; set the limit from its real usage' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n',
    },
    since: '0.2.0',
    related: ['DC017', 'DC018'],
  },
  check(ctx) {
    checkResourceLimit(ctx, { keys: ['mem_limit'], key: 'mem_limit', value: '512m', deployKey: 'memory', deployValue: '512M', replacements: { mem_limit: '512m', memory: '512M' } });
  },
});
