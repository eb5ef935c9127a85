import rule from '../../../server/src/engine/rules/kubernetes/no-exposed-service';
import { ruleTester } from '../../harness/ruleTester';

const svc = (spec: string, annotations = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${annotations}spec:\n  selector: {app: web}\n  ports: [{port: 80}]\n${spec}`;

ruleTester(rule, {
  valid: [
    svc(''),
    svc('  type: ClusterIP\n'),
    { name: 'LoadBalancer restricted to source ranges', code: svc('  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n') },
    { name: 'internal LoadBalancer', code: svc('  type: LoadBalancer\n', '  annotations:\n    networking.gke.io/load-balancer-type: Internal\n') },
  ],
  invalid: [
    { name: 'NodePort', code: svc('  type: «NodePort»\n'), errors: [{ messageId: 'exposedType', data: { service: 'Service "web"', type: 'NodePort' } }] },
    { name: 'public LoadBalancer', code: svc('  type: «LoadBalancer»\n'), errors: [{ messageId: 'exposedType', data: { type: 'LoadBalancer' } }] },
    { name: 'externalIPs', code: svc('  «externalIPs»:\n    - 203.0.113.10\n'), errors: [{ messageId: 'externalIPs', data: { service: 'Service "web"' } }] },
  ],
});
