import { defineRule } from '../../rule';
import { describeSetting, groupResolved, resolveSetting, type ComposeService, type ResolvedSetting } from '../../parse/compose';
import { isScalar, type Node, type YamlDocument } from '../../parse/yaml';

/** The node that turns a healthcheck off: `disable: true`, or `test: ["NONE"]` / `test: NONE`. */
function disablingNode(doc: YamlDocument, healthcheck: Node | null | undefined): Node | undefined {
  const disable = doc.get(healthcheck, 'disable');
  if (isScalar(disable) && disable.value === true) return disable;
  const test = doc.get(healthcheck, 'test');
  const first = isScalar(test) ? test : doc.items(test)[0];
  return isScalar(first) && String(first.value).toUpperCase() === 'NONE' ? test : undefined;
}

export default defineRule({
  meta: {
    id: 'DC020',
    name: 'require-healthcheck',
    appliesTo: 'compose',
    title: 'Service has no healthcheck',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'Without a health check, Docker and Compose see a hung, deadlocked or half-compromised service as running: dependants keep sending it traffic and nothing restarts it. A healthcheck is also what `depends_on: condition: service_healthy` waits for. Off by default: many images declare a HEALTHCHECK of their own, which Compose uses when the service sets none.',
    remediation:
      'Add `healthcheck: {test: ["CMD", "/app/healthcheck"], interval: 30s, timeout: 3s, retries: 3}` with a probe the image ships (avoid installing curl only for it), or make sure the image (or the Dockerfile the service builds) declares a HEALTHCHECK. Remove `disable: true` / `test: ["NONE"]` unless the service really cannot be probed.',
    references: [{ standard: 'cis-docker', section: '5.27', title: 'Ensure that container health is checked at runtime' }],
    aliases: [{ tool: 'kics', id: 'Healthcheck Not Set' }],
    messages: {
      missing: 'Service "{{service}}" sets no healthcheck; unless its image declares a HEALTHCHECK, a hung container looks healthy.',
      notInCompose: 'Service "{{service}}" sets no healthcheck here; make sure the Dockerfile it builds ({{context}}) declares a HEALTHCHECK.',
      disabled: 'Service "{{service}}" turns its healthcheck off.',
    },
    fix: { applicability: 'display-only', title: 'Add healthcheck: {test: ["CMD", "<probe>"], interval: 30s, timeout: 3s, retries: 3}' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "/app/healthcheck"]\n      interval: 30s\n',
    },
    since: '0.2.0',
    related: ['DF031'],
  },
  check({ compose, report }) {
    const disabled: Array<{ service: ComposeService; setting: ResolvedSetting }> = [];
    for (const service of compose.services) {
      const setting = resolveSetting(compose, service, ['healthcheck']);
      if (setting === 'unknown') continue;
      if (setting) {
        if (disablingNode(setting.doc, setting.pair.value)) disabled.push({ service, setting });
        continue;
      }
      const build = resolveSetting(compose, service, ['build']);
      if (build === 'unknown') continue;
      const range = service.doc.rangeOf(service.keyNode);
      if (!build) {
        report({ messageId: 'missing', data: { service: service.name }, range, fix: [] });
        continue;
      }
      const context = build.doc.scalar(build.pair.value) ?? build.doc.scalar(build.pair.value, 'context') ?? '.';
      report({ messageId: 'notInCompose', data: { service: service.name, context: String(context) }, range, fix: [] });
    }
    for (const group of groupResolved(disabled)) {
      const { service, related } = describeSetting(group);
      report({ messageId: 'disabled', data: { service }, range: group.doc.rangeOf(disablingNode(group.doc, group.pair.value)), fix: [], related });
    }
  },
});
