import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { describeSetting, serviceSettings, type ComposeService } from '../../parse/compose';
import { nonRootFinalUser, serviceBuild } from '../../workspace/builds';
import type { WorkspaceFacts } from '../../workspace/facts';

function undoesImageUser(service: ComposeService, workspace: WorkspaceFacts): boolean {
  const build = serviceBuild(service, workspace);
  return build !== undefined && nonRootFinalUser(build.dockerfile) !== undefined;
}

const ROOT = /^(root|0)(:.*)?$/i;

export default defineRule({
  meta: {
    id: 'DC011',
    name: 'no-root-user',
    appliesTo: 'compose',
    title: 'Service runs as root',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      '`user: root` (or `"0"`) overrides the image\'s own user and runs every process as UID 0, silently undoing a non-root `USER` in the Dockerfile. Root in the container turns a writable mount, an added capability or a kernel bug into host compromise.',
    remediation: 'Remove the override, or set a numeric non-root user: `user: "10001:10001"`. Fix file ownership at build time instead of running as root.',
    references: [
      { standard: 'cis-docker', section: '4.1', title: 'Ensure that a user for the container has been created' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: { root: 'Service "{{service}}" sets user {{user}}, so it runs as root.' },
    fix: { applicability: 'unsafe', title: 'Run as user "10001:10001"', review: 'files the service writes must be writable by UID 10001' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    user: root\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    user: "10001:10001"\n',
    },
    since: '0.1.0',
    related: ['DF001', 'K8S003'],
  },
  check({ compose, workspace, report }) {
    for (const setting of serviceSettings(compose, 'user')) {
      const { doc, pair } = setting;
      const user = String(doc.scalar(pair.value) ?? '');
      if (!ROOT.test(user.trim()) || doc.isTemplated(pair.value)) continue;
      // When every service here builds a Dockerfile ending with a non-root USER, XF003 says it better.
      if (workspace && setting.services.every((s) => undoesImageUser(s, workspace))) continue;
      const { service, related } = describeSetting(setting);
      report({ messageId: 'root', data: { service, user }, range: doc.rangeOf(pair.value), fix: [replace(doc.rangeOf(pair.value), '"10001:10001"')], related });
    }
  },
});
