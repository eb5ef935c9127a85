import { defineRule } from '../../rule';
import { yamlPrependOrAppendItem, yamlSet } from '../../edits/yaml';
import { isScalar, isSeq, type Node } from '../../parse/yaml';
import { extendsChain, serviceValue, type ComposeService } from '../../parse/compose';

const NO_NEW_PRIVILEGES = /^no-new-privileges(:true|=true)?$/i;

export default defineRule({
  meta: {
    id: 'DC007',
    name: 'require-no-new-privileges',
    appliesTo: 'compose',
    title: 'Service allows privilege escalation',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'Without `no-new-privileges`, a process in the container can gain privileges through setuid binaries or file capabilities, the usual way from a compromised non-root process back to root inside the container and a step towards the host.',
    remediation: 'Add `security_opt: ["no-new-privileges:true"]` to the service (or set it daemon-wide with `"no-new-privileges": true` in daemon.json).',
    references: [
      { standard: 'cis-docker', section: '5.26', title: 'Ensure that the container is restricted from acquiring additional privileges' },
      { standard: 'cwe', id: 269 },
    ],
    aliases: [{ tool: 'semgrep', id: 'no-new-privileges' }],
    messages: { missing: 'Service "{{service}}" does not set no-new-privileges, so setuid binaries can raise its privileges.' },
    fix: { applicability: 'unsafe', title: 'Add security_opt no-new-privileges:true', review: 'setuid programs (sudo, su) no longer gain privileges in the container' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n',
    },
    since: '0.1.0',
    related: ['K8S002'],
  },
  check({ compose, report }) {
    // Per security_opt value: services merging one anchor share its list, judged once.
    const verdicts = new Map<Node | undefined, boolean>();
    const setsNoNewPrivileges = (o: ComposeService): boolean => {
      const opts = serviceValue(compose, o, 'security_opt');
      let verdict = verdicts.get(opts);
      if (verdict === undefined) verdicts.set(opts, (verdict = o.doc.items(opts).some((i) => isScalar(i) && NO_NEW_PRIVILEGES.test(String(i.value)))));
      return verdict;
    };
    for (const s of compose.services) {
      const opts = serviceValue(compose, s, 'security_opt');
      // `extends` merges security_opt lists: the base's entry counts; a base in another file is unknown.
      const chain = extendsChain(compose, s, 'security_opt');
      if (!chain || chain.some(setsNoNewPrivileges)) continue;
      // A list gains the entry; a missing or empty `security_opt:` is set; any other value is the author's to fix.
      const edit = () =>
        opts && isSeq(opts)
          ? yamlPrependOrAppendItem(s.doc, opts, 'no-new-privileges:true')
          : !opts || (isScalar(opts) && opts.value === null)
            ? yamlSet(s.doc, s.node, ['security_opt'], ['no-new-privileges:true'])
            : undefined;
      report({ messageId: 'missing', data: { service: s.name }, range: s.doc.rangeOf(s.keyNode), fix: () => [edit()] });
    }
  },
});
