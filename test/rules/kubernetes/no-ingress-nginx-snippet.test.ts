import rule from '../../../server/src/engine/rules/kubernetes/no-ingress-nginx-snippet';
import { ruleTester } from '../../harness/ruleTester';

const ing = (annotations: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n${annotations}spec:\n  rules: [{host: a.example.com}]\n`;

ruleTester(rule, {
  valid: [
    ing('    nginx.ingress.kubernetes.io/ssl-redirect: "true"\n'),
    { name: 'a plain auth URL', code: ing('    nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth?rd=$host\n') },
    { name: 'snippet keys on other objects', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: x\n' },
  ],
  invalid: [
    {
      name: 'Lua in a block scalar, comment above kept',
      code: ing('    # rewrite\n    «nginx.ingress.kubernetes.io/configuration-snippet»: |\n      access_by_lua_block { ngx.say("x") }\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\n'),
      errors: [{ messageId: 'lua', data: { annotation: 'nginx.ingress.kubernetes.io/configuration-snippet', ingress: 'Ingress "web"' } }],
      output: ing('    # rewrite\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\n'),
    },
    {
      name: 'alias',
      code: ing('    «nginx.ingress.kubernetes.io/server-snippet»: "location /x { alias /; }"\n'),
      errors: [{ messageId: 'alias' }],
      output: ing(''),
    },
    {
      name: 'any snippet, flow map',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {«nginx.org/server-snippets»: "add_header X 1;", a: b}\n',
      errors: [{ messageId: 'snippet', data: { annotation: 'nginx.org/server-snippets' } }],
      output: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {a: b}\n',
    },
    {
      name: 'a token annotation that breaks out',
      code: ing('    «nginx.ingress.kubernetes.io/auth-tls-match-cn»: |-\n      CN=valid#;\n      injection_point\n    a: b\n'),
      errors: [{ messageId: 'injection', data: { annotation: 'nginx.ingress.kubernetes.io/auth-tls-match-cn' } }],
      output: ing('    a: b\n'),
    },
  ],
});
