import rule from '../../../server/src/engine/rules/kubernetes/require-ingress-tls';
import { ruleTester } from '../../harness/ruleTester';

const ing = (spec: string, name = 'web') => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const RULES = '  rules:\n    - host: shop.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]\n';

ruleTester(rule, {
  valid: [
    ing(`  tls:\n    - hosts: [shop.example.com]\n      secretName: web-tls\n${RULES}`),
    { name: 'a wildcard certificate covers one label', code: ing(`  tls: [{hosts: ["*.example.com"], secretName: wild}]\n${RULES}`) },
    { name: 'Helm decides tls', fileName: 'templates/ingress.yaml', code: ing(`  tls:\n    {{- toYaml .Values.tls | nindent 4 }}\n${RULES}`) },
  ],
  invalid: [
    {
      name: 'no tls: a section for the hosts is added',
      code: ing(RULES, '«web»'),
      errors: [{ messageId: 'noTls', data: { ingress: 'Ingress "web"' } }],
      output: ing(`${RULES}  tls: [{hosts: ["shop.example.com"], secretName: web-tls}]\n`),
    },
    {
      name: 'no host, no fix',
      code: ing('  defaultBackend: {service: {name: web, port: {number: 80}}}\n', '«web»'),
      errors: [{ messageId: 'noTls' }],
    },
    {
      name: 'a host outside the certificate list',
      code: ing(
        '  tls: [{hosts: [shop.example.com], secretName: t}]\n  rules:\n    - host: shop.example.com\n    - host: «admin.example.org»\n    - host: «a.b.example.com»\n'.replace(
          'shop.example.com], ',
          'shop.example.com, "*.example.com"], ',
        ),
      ),
      errors: [
        { messageId: 'hostWithoutTls', data: { host: 'admin.example.org', ingress: 'Ingress "web"' } },
        { messageId: 'hostWithoutTls', data: { host: 'a.b.example.com' } },
      ],
    },
  ],
});
