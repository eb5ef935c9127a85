import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { isScalar } from '../../parse/yaml';
import { envEntries } from '../../parse/k8sObjects';

/** Framework switches that turn on debug mode: variable, debug values, production value. */
const DEBUG_SWITCHES: Array<{ name: string; debug: RegExp; production: string; framework: string }> = [
  { name: 'FLASK_ENV', debug: /^development$/i, production: 'production', framework: 'Flask' },
  { name: 'FLASK_DEBUG', debug: /^(1|true|yes|on)$/i, production: '0', framework: 'Flask' },
  { name: 'DJANGO_DEBUG', debug: /^(1|true|yes|on)$/i, production: 'False', framework: 'Django' },
  { name: 'APP_DEBUG', debug: /^(1|true)$/i, production: 'false', framework: 'Laravel' },
  { name: 'RAILS_ENV', debug: /^development$/i, production: 'production', framework: 'Rails' },
  { name: 'NODE_ENV', debug: /^development$/i, production: 'production', framework: 'Node.js' },
  { name: 'ASPNETCORE_ENVIRONMENT', debug: /^development$/i, production: 'Production', framework: 'ASP.NET Core' },
  { name: 'GIN_MODE', debug: /^debug$/i, production: 'release', framework: 'Gin' },
];

export default defineRule({
  meta: {
    id: 'K8S067',
    name: 'no-app-debug-env',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Application debug mode is switched on',
    severity: 'warning',
    threat: 'vulnerable-code',
    principle: 'attack-surface',
    rationale:
      "Framework debug modes are built for a developer's machine: the Werkzeug debugger runs Python typed into the error page, Django and Laravel error pages print settings and secrets, and development modes skip caching and hardening. In a cluster they hand attackers code execution or credentials.",
    remediation:
      'Set the production value (`FLASK_ENV=production`/`FLASK_DEBUG=0`, `DJANGO_DEBUG=False`, `APP_DEBUG=false`, `NODE_ENV=production`, …) in deployed manifests and keep debug settings in local overlays.',
    references: [
      { standard: 'cwe', id: 489 },
      { standard: 'cwe', id: 215 },
    ],
    aliases: [{ tool: 'semgrep', id: 'flask-debugging-enabled' }],
    messages: { debug: 'Container "{{container}}" sets {{variable}}={{value}}: {{framework}} runs in debug or development mode.' },
    fix: { applicability: 'unsafe', title: 'Set the production value', review: 'the application runs in production mode: debug output and endpoints disappear' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: FLASK_ENV\n          value: development\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n        - name: FLASK_ENV\n          value: production\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      for (const e of envEntries(c)) {
        const value = e.valuePair?.value;
        const sw = DEBUG_SWITCHES.find((s) => s.name === e.name);
        if (!sw || !isScalar(value) || doc.isTemplated(value) || !sw.debug.test(String(value.value))) continue;
        // Keep the author's quoting; a plain scalar that would read back as a number or boolean is quoted.
        const text = value.type === 'QUOTE_SINGLE' ? `'${sw.production}'` : value.type === 'QUOTE_DOUBLE' || /^(\d+|true|false)$/i.test(sw.production) ? JSON.stringify(sw.production) : sw.production;
        report({
          messageId: 'debug',
          data: { container: c.name, variable: e.name, value: String(value.value), framework: sw.framework },
          range: doc.rangeOf(value),
          fix: [replace(doc.rangeOf(value), text)],
        });
      }
    }
  },
});
