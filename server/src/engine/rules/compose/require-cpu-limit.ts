import { defineRule } from '../../rule';
import { checkResourceLimit } from './limits';

export default defineRule({
  meta: {
    id: 'DC017',
    name: 'require-cpu-limit',
    appliesTo: 'compose',
    title: 'Service CPU not limited',
    severity: 'info',
    enabledByDefault: false,
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      'Without a CPU limit or weight, a runaway or compromised container (a crypto miner is the usual tenant) can use every core of the host and starve the other services and the host itself.',
    remediation:
      'Set `cpus` (or `deploy.resources.limits.cpus` in files that use `deploy:`) to the cores the service needs, or a relative `cpu_shares` weight. The suggested "1.0" is a placeholder to review. Off by default: the kernel\'s fair scheduler already shares CPU between busy containers, while memory and process-table exhaustion take the host down (DC016, DC018 stay on).',
    references: [
      { standard: 'cis-docker', section: '5.12', title: 'Ensure that CPU priority is set appropriately on containers' },
      { standard: 'cwe', id: 770 },
    ],
    aliases: [{ tool: 'kics', id: 'Cpus Not Limited' }],
    messages: {
      missing: 'Service "{{service}}" has no CPU limit.',
      unlimited: 'Service "{{service}}" sets {{key}}: {{value}}, which means no CPU limit.',
    },
    fix: { applicability: 'unsafe', title: 'Add cpus: "1.0"', review: 'a service that needs more than one CPU slows down; set the limit from its real usage' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cpus: "1.0"\n',
    },
    since: '0.2.0',
    related: ['DC016', 'DC018'],
  },
  check(ctx) {
    checkResourceLimit(ctx, { keys: ['cpus', 'cpu_shares', 'cpu_quota'], key: 'cpus', value: '1.0', deployKey: 'cpus', deployValue: '1.0', replacements: { cpus: '1.0' } });
  },
});
