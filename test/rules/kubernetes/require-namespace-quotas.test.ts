import rule from '../../../server/src/engine/rules/kubernetes/require-namespace-quotas';
import { ruleTester } from '../../harness/ruleTester';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const deploy = (namespace: string | undefined) =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;
const obj = (kind: string, namespace: string) => `---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ${namespace}\nspec: {}\n`;

ruleTester(rule, {
  valid: [
    `${ns('shop')}${obj('ResourceQuota', 'shop')}${obj('LimitRange', 'shop')}`,
    { name: 'quota and limits in another file of the workspace', code: `${ns('shop')}${deploy('shop')}`, workspace: { 'quota.yaml': `${obj('ResourceQuota', 'shop')}${obj('LimitRange', 'shop')}` } },
    { name: 'a workload without a namespace goes where kubectl -n puts it', code: deploy(undefined) },
    { name: 'system namespaces', code: deploy('kube-system') },
    { name: 'a namespace a template fills in', fileName: 'templates/deploy.yaml', code: deploy('{{ .Release.Namespace | quote }}') },
  ],
  invalid: [
    {
      name: 'nothing',
      code: ns('«shop»'),
      errors: [
        { messageId: 'noResourceQuota', data: { namespace: 'shop' } },
        { messageId: 'noLimitRange', data: { namespace: 'shop' }, range: [3, 8, 3, 12] },
      ],
    },
    {
      name: "a workload's namespace, with no Namespace object in the file",
      code: deploy('«shop»'),
      errors: [
        { messageId: 'noResourceQuota', data: { namespace: 'shop' } },
        { messageId: 'noLimitRange', data: { namespace: 'shop' }, range: [5, 13, 5, 17] },
      ],
      workspace: { 'other.yaml': obj('LimitRange', 'other') },
    },
    { name: 'quota for another namespace', code: `${ns('«shop»')}${obj('ResourceQuota', 'other')}${obj('LimitRange', 'shop')}`, errors: [{ messageId: 'noResourceQuota' }] },
  ],
});
