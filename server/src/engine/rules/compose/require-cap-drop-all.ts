import { defineRule } from '../../rule';
import { extendsChain, serviceValue } from '../../parse/compose';
import { dropAllCapabilities, listsAllCapabilities } from '../../edits/compose';

export default defineRule({
  meta: {
    id: 'DC010',
    name: 'require-cap-drop-all',
    appliesTo: 'compose',
    title: 'Default capabilities kept',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'least-privilege',
    rationale:
      'Docker grants every container about fourteen capabilities by default (`NET_RAW` for spoofed packets, `CHOWN`, `SETUID`, `MKNOD`, …). Most services need none of them, and each one is attack surface for the next kernel bug. Info by default: some images switch users at start-up and need `SETUID`/`SETGID` added back.',
    remediation: 'Add `cap_drop: [ALL]` and add back only what the service proves it needs with `cap_add` (for example `NET_BIND_SERVICE` to bind ports below 1024).',
    references: [{ standard: 'cis-docker', section: '5.4', title: 'Ensure that Linux kernel capabilities are restricted within containers' }],
    aliases: [],
    messages: { keepsDefaults: 'Service "{{service}}" keeps the default capabilities; drop ALL.' },
    fix: { applicability: 'unsafe', title: 'Add cap_drop: [ALL]', review: 'the service loses the default capabilities (chown, setuid, ports below 1024 …); add back with cap_add the ones it needs' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
    since: '0.1.0',
    related: ['DC003', 'K8S004'],
  },
  check({ compose, report }) {
    for (const s of compose.services) {
      // `extends` merges cap_drop lists: a base dropping ALL covers the service; a base in another file is unknown.
      const chain = extendsChain(compose, s, 'cap_drop');
      if (!chain || chain.some((o) => listsAllCapabilities(o.doc, serviceValue(compose, o, 'cap_drop')))) continue;
      const fix = dropAllCapabilities(s.doc, s.node);
      report({ messageId: 'keepsDefaults', data: { service: s.name }, range: s.doc.rangeOf(s.keyNode), ...(fix ? { fix: [fix] } : {}) });
    }
  },
});
