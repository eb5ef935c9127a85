import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { isScalar } from '../../parse/yaml';
import { describeObject } from '../../parse/k8sObjects';

const SNIPPET = /^(nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet|nginx\.org\/[a-z-]*snippets)$/;
/** Annotations copied into nginx.conf as a single token (CVE-2025-1097/1098, CVE-2025-24514). */
const TOKEN_ANNOTATION = /^nginx\.ingress\.kubernetes\.io\/(auth-url|auth-tls-match-cn|mirror-target|mirror-host)$/;
/** Characters that end the token and start new configuration. */
const BREAKS_OUT = /[\s#;{}|'"\\`]/;

export default defineRule({
  meta: {
    id: 'K8S052',
    name: 'no-ingress-nginx-snippet',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Ingress injects raw NGINX configuration',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'segregation-of-duties',
    rationale:
      "Snippet annotations paste raw configuration into the shared NGINX of the ingress controller, and annotations such as `auth-url` or `mirror-target` do the same once their value holds `;`, `#`, braces or line breaks. Whoever may create an Ingress can then read files with `alias`, run Lua, or dump the controller's service-account token, which reads every Secret of the cluster (CVE-2021-25742, CVE-2025-1974 family).",
    remediation:
      'Use the controller\'s dedicated annotations or a ConfigMap the cluster administrators own instead of snippets, and keep `allow-snippet-annotations: "false"` in the controller configuration.',
    references: [
      { standard: 'url', title: 'CVE-2021-25742: ingress-nginx custom snippets', href: 'https://github.com/kubernetes/ingress-nginx/issues/7837' },
      { standard: 'cwe', id: 94 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_152' },
      { tool: 'checkov', id: 'CKV_K8S_153' },
      { tool: 'checkov', id: 'CKV_K8S_154' },
      { tool: 'trivy', id: 'AVD-KCV-0093' },
    ],
    messages: {
      lua: 'Annotation "{{annotation}}" of {{ingress}} runs Lua code in the shared ingress controller.',
      alias: 'Annotation "{{annotation}}" of {{ingress}} uses alias, which can serve any file of the ingress controller, its token included.',
      snippet: 'Annotation "{{annotation}}" of {{ingress}} pastes raw configuration into the shared ingress controller.',
      injection: 'Annotation "{{annotation}}" of {{ingress}} holds characters that break out into the controller\'s configuration.',
    },
    fix: { applicability: 'unsafe', title: 'Delete the annotation', review: 'what the raw NGINX configuration did is gone; express it with supported annotations' },
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: |\n      location /x { alias /; }\nspec:\n  tls: [{hosts: [a.example.com], secretName: web-tls}]\n  rules: [{host: a.example.com}]\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\nspec:\n  tls: [{hosts: [a.example.com], secretName: web-tls}]\n  rules: [{host: a.example.com}]\n',
    },
    since: '0.2.0',
    related: ['K8S051'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'Ingress') continue;
      const doc = object.doc;
      const annotations = doc.get(object.metadata, 'annotations');
      for (const { key, pair } of doc.entries(annotations)) {
        const value = isScalar(pair.value) && !doc.isTemplated(pair.value) ? String(pair.value.value ?? '') : '';
        const injection = TOKEN_ANNOTATION.test(key) && BREAKS_OUT.test(value);
        if ((!SNIPPET.test(key) && !injection) || !annotations) continue;
        const messageId = injection ? 'injection' : /_by_lua|\blua_/i.test(value) ? 'lua' : /(^|[\s;{])alias\s/.test(value) ? 'alias' : 'snippet';
        report({ messageId, data: { annotation: key, ingress: describeObject(object) }, range: doc.rangeOf(pair.key), fix: () => [yamlRemovePair(doc, annotations, pair)] });
      }
    }
  },
});
