import rule from '../../../server/src/engine/rules/compose/no-host-system-mount';
import { ruleTester } from '../../harness/ruleTester';

const svc = (volumes: string) => `services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    svc('      - data:/data\n      - ./config:/config:ro\n      - /srv/app/uploads:/uploads\n'),
    { name: 'anonymous volume and tmpfs', code: svc('      - /var/cache/app\n      - type: tmpfs\n        target: /tmp\n') },
    { name: 'unresolved variable', code: svc('      - ${DOCKER_SOCK}:/var/run/docker.sock\n') },
    { name: 'long syntax, named volume', code: svc('      - type: volume\n        source: data\n        target: /var/lib/docker\n') },
    { name: 'container-side system paths are fine', code: svc('      - ./etc:/etc/app\n') },
  ],
  invalid: [
    { code: svc('      - «/var/run/docker.sock:/var/run/docker.sock»\n'), errors: [{ messageId: 'runtimeSocket', data: { service: 'agent', path: '/var/run/docker.sock' } }] },
    { name: 'read-only socket is still the API', code: svc('      - «/run/containerd/containerd.sock:/c.sock:ro»\n'), errors: [{ messageId: 'runtimeSocket' }] },
    { name: 'host root, quoted', code: svc('      - «"/:/host:ro"»\n'), errors: [{ messageId: 'hostRoot', data: { service: 'agent', path: '/' } }] },
    { name: 'long syntax bind of /etc', code: svc('      - type: bind\n        source: «/etc»\n        target: /host-etc\n'), errors: [{ messageId: 'systemPath', data: { service: 'agent', path: '/etc' } }] },
    { name: 'flow list, /proc', code: 'services:\n  a:\n    volumes: [«/proc:/host/proc»]\n', errors: [{ messageId: 'systemPath' }] },
    { name: 'docker-compose.yml name, CRLF', fileName: 'docker-compose.yml', code: 'services:\r\n  a:\r\n    volumes:\r\n      - «/var/lib/docker:/var/lib/docker»\r\n', errors: [{ messageId: 'systemPath' }] },
  ],
});
