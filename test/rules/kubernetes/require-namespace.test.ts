import rule from '../../../server/src/engine/rules/kubernetes/require-namespace';
import { ruleTester } from '../../harness/ruleTester';

const cm = (meta: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${meta}data:\n  a: b\n`;

ruleTester(rule, {
  valid: [
    cm('  name: c\n  namespace: shop\n'),
    { name: 'cluster-scoped kinds', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules: []\n' },
    { name: 'kustomization files', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n' },
    { name: 'Helm sets it', fileName: 'templates/cm.yaml', code: cm('  name: c\n  namespace: {{ .Release.Namespace }}\n') },
  ],
  invalid: [
    { name: 'missing', code: cm('  name: «c»\n'), errors: [{ messageId: 'missing', data: { object: 'ConfigMap "c"' } }] },
    { name: 'explicit default', code: cm('  name: c\n  namespace: «default»\n'), errors: [{ messageId: 'explicitDefault' }] },
  ],
});
