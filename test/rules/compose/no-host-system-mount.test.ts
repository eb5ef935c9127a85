import rule from '../../../server/src/engine/rules/compose/no-host-system-mount';
import { ruleTester } from '../../harness/ruleTester';

const svc = (volumes: string) => `services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    svc('      - data:/data\n      - etc:/etc\n      - ./config:/config:ro\n      - /srv/app/uploads:/uploads\n'),
    { name: 'anonymous volume, tmpfs, unresolved variable', code: svc('      - /var/cache/app\n      - type: tmpfs\n        target: /tmp\n      - ${DOCKER_SOCK}:/var/run/docker.sock\n') },
    {
      name: 'long syntax, named volume; a driver_opts device without bind',
      code: svc('      - type: volume\n        source: data\n        target: /var/lib/docker\n') + 'volumes:\n  data:\n    driver_opts: {type: nfs, o: addr=10.0.0.1, device: ":/etc"}\n',
    },
    { name: 'container-side system paths and Windows drives are fine', code: svc('      - ./etc:/etc/app\n      - C:\\Windows:/host-windows\n') },
    {
      name: 'read-only system paths a monitoring agent reads',
      code: svc('      - /etc/localtime:/etc/localtime:ro\n      - /proc:/host/proc:ro,rslave\n      - type: bind\n        source: /sys\n        target: /host/sys\n        read_only: true\n'),
    },
    { name: 'a mode written through interpolation may be read-only', code: svc('      - /etc:/host/etc:${ETC_MODE:-ro}\n') },
    {
      name: 'a driver_opts bind of a system path that every service mounts read-only',
      code: 'services:\n  a:\n    volumes: [hostetc:/h:ro]\nvolumes:\n  hostetc:\n    driver_opts: {type: none, o: bind, device: /etc}\n',
    },
  ],
  invalid: [
    { code: svc('      - «/var/run/docker.sock:/var/run/docker.sock»\n'), errors: [{ messageId: 'runtimeSocket', data: { service: 'agent', path: '/var/run/docker.sock' } }] },
    { name: 'host root, quoted', code: svc('      - «"/:/host:ro"»\n'), errors: [{ messageId: 'hostRoot', data: { service: 'agent', path: '/' } }] },
    {
      name: 'long syntax bind of /etc gains read_only: true',
      code: svc('      - type: bind\n        source: «/etc»\n        target: /host-etc\n'),
      errors: [{ messageId: 'systemPath', data: { service: 'agent', path: '/etc' } }],
      output: svc('      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n'),
    },
    { name: 'short syntax /etc gains :ro', code: svc('      - «/etc:/host/etc»\n'), errors: [{ messageId: 'systemPath' }], output: svc('      - /etc:/host/etc:ro\n') },
    {
      name: 'quoted :rw becomes :ro, other options kept',
      code: svc('      - «"/etc:/e:rw"»\n      - «\'/sys:/s:z\'»\n'),
      errors: [{ messageId: 'systemPath' }, { messageId: 'systemPath' }],
      output: svc('      - "/etc:/e:ro"\n      - \'/sys:/s:ro,z\'\n'),
    },
    {
      name: 'long syntax read_only: false is turned on',
      code: svc('      - type: bind\n        source: «/boot»\n        target: /b\n        read_only: false\n'),
      errors: [{ messageId: 'systemPath', data: { service: 'agent', path: '/boot' } }],
      output: svc('      - type: bind\n        source: /boot\n        target: /b\n        read_only: true\n'),
    },
    {
      name: 'flow list: a read-only runtime socket is still the API',
      code: 'services:\n  a:\n    volumes: [«/run/containerd/containerd.sock:/c.sock:ro», ./data:/data]\n',
      errors: [{ messageId: 'runtimeSocket' }],
    },
    {
      name: 'flow list: /proc',
      code: 'services:\n  a:\n    volumes: [./data:/data, «/proc:/host/proc»]\n',
      errors: [{ messageId: 'systemPath', data: { service: 'a', path: '/proc' } }],
      output: 'services:\n  a:\n    volumes: [./data:/data, /proc:/host/proc:ro]\n',
    },
    {
      name: 'docker-compose.yml name, CRLF',
      fileName: 'docker-compose.yml',
      code: 'services:\r\n  a:\r\n    volumes:\r\n      - «/var/lib/docker:/var/lib/docker:ro»\r\n',
      errors: [{ messageId: 'credentialPath' }],
    },
    {
      name: 'CRLF, fixed',
      code: 'services:\r\n  a:\r\n    volumes:\r\n      - «/dev:/dev»\r\n',
      errors: [{ messageId: 'systemPath' }],
      output: 'services:\r\n  a:\r\n    volumes:\r\n      - /dev:/dev:ro\r\n',
    },
    {
      name: 'long syntax without type, quoted key and value',
      code: svc('      - "source": «"/sys"»\n        target: /s\n'),
      errors: [{ messageId: 'systemPath', data: { service: 'agent', path: '/sys' } }],
      output: svc('      - "source": "/sys"\n        target: /s\n        read_only: true\n'),
    },
    {
      name: 'compose.override.yaml, profiled service, a file below /etc',
      fileName: 'compose.override.yaml',
      code: 'services:\n  debug:\n    profiles: [debug]\n    volumes:\n      - «/etc/shadow:/shadow:ro»\n',
      errors: [{ messageId: 'credentialPath', data: { service: 'debug', path: '/etc/shadow' } }],
    },
    {
      name: 'extends: reported on the base service only, where it is written',
      code: 'services:\n  base:\n    volumes: [«/var/run/docker.sock:/var/run/docker.sock»]\n  web:\n    extends: base\n    image: x:1\n',
      errors: [{ messageId: 'runtimeSocket', data: { service: 'base', path: '/var/run/docker.sock' } }],
    },
    {
      name: 'merge-key anchor: once, naming every service',
      code: 'x-mounts: &mounts\n  volumes:\n    - «/:/rootfs:ro»\nservices:\n  a:\n    <<: *mounts\n  b:\n    <<: *mounts\n',
      errors: [{ messageId: 'hostRoot', data: { service: 'a", "b', path: '/' } }],
    },
    {
      name: 'named volume that binds a host system path through driver_opts',
      code: 'services:\n  a:\n    volumes: [hostetc:/h]\n  b:\n    volumes: [hostetc:/h, scratch:/s]\nvolumes:\n  hostetc:\n    driver_opts: {type: none, o: bind, device: «/etc»}\n  scratch:\n    driver_opts: {type: none, o: bind, device: /srv/scratch}\n  unused:\n    driver_opts: {type: none, o: bind, device: /proc}\n',
      errors: [{ messageId: 'systemPath', data: { service: 'a", "b', path: '/etc' } }],
    },
    {
      name: 'a writable /etc in a merge-key anchor is made read-only once, in the anchor',
      code: 'x-mounts: &mounts\n  volumes: [«/etc:/host/etc»]\nservices:\n  a:\n    <<: *mounts\n  b:\n    <<: *mounts\n',
      errors: [{ messageId: 'systemPath', data: { service: 'a", "b', path: '/etc' } }],
      output: 'x-mounts: &mounts\n  volumes: [/etc:/host/etc:ro]\nservices:\n  a:\n    <<: *mounts\n  b:\n    <<: *mounts\n',
    },
    {
      name: 'aliased volume list: once where written, naming both services',
      code: 'x-vols: &vols\n  - «/var/run/docker.sock:/var/run/docker.sock»\nservices:\n  a:\n    volumes: *vols\n  b:\n    volumes: *vols\n',
      errors: [{ messageId: 'runtimeSocket', data: { service: 'a", "b', path: '/var/run/docker.sock' } }],
    },
  ],
});
