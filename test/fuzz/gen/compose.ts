// Compose files: services with the security-relevant keys in their short and long forms, shared
// `x-` blocks reached through anchors, aliases and `<<` merges, `extends`, and top-level networks,
// volumes and secrets. Any value may come out with the wrong type.
import fc from 'fast-check';
import { capability, hostPath, imageRef, orHostile, port, safeWord, secretName, secretValue, suppressionComment, userSpec } from './common';
import { entry, map, orWrongType, printYaml, restyle, scalar, seq, styling, type Entry, type YNode } from './yaml';

const str = (arb: fc.Arbitrary<string>) => arb.map((s) => scalar(s));
const list = (arb: fc.Arbitrary<string>, max = 3) => fc.array(arb, { minLength: 1, maxLength: max }).map((xs) => seq(xs.map((x) => scalar(x))));

const portValue: fc.Arbitrary<YNode> = fc.oneof(
  fc
    .tuple(fc.constantFrom('', '127.0.0.1:', '0.0.0.0:', '[::]:', '::1:', '${BIND}:'), fc.option(port), port, fc.constantFrom('', '/tcp', '/udp'))
    .map(([ip, host, target, proto]) => scalar(`${ip}${host === null ? '' : `${host}:`}${target}${proto}`)),
  port.map((p) => scalar(/^\d+$/.test(p) ? Number(p) : p)),
  fc
    .record({
      target: port,
      published: fc.option(port),
      host_ip: fc.option(fc.constantFrom('127.0.0.1', '0.0.0.0', '')),
      protocol: fc.option(fc.constantFrom('tcp', 'udp')),
      mode: fc.option(fc.constantFrom('host', 'ingress')),
    })
    .map((p) =>
      map(
        Object.entries(p)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => ({ key: k, value: scalar(v as string) })),
      ),
    ),
);

const volumeValue: fc.Arbitrary<YNode> = fc.oneof(
  fc
    .tuple(fc.oneof(hostPath, safeWord), fc.constantFrom('/data', '/var/run/docker.sock', '/host', '/etc/app'), fc.constantFrom('', ':ro', ':rw', ':shared', ':rshared', ':z', ':ro,Z', ':'))
    .map(([s, t, o]) => scalar(`${s}:${t}${o}`)),
  fc
    .record({
      type: fc.constantFrom('bind', 'volume', 'tmpfs', 'npipe', 'weird'),
      source: fc.oneof(hostPath, safeWord),
      target: fc.constantFrom('/data', '/host'),
      read_only: fc.option(fc.boolean()),
      bind: fc.option(fc.constantFrom('shared', 'rshared', 'private', 'rslave')),
    })
    .map((v) =>
      map([
        entry('type', scalar(v.type)),
        entry('source', scalar(v.source)),
        entry('target', scalar(v.target)),
        v.read_only === null ? undefined : entry('read_only', scalar(v.read_only)),
        v.bind === null ? undefined : entry('bind', map([entry('propagation', scalar(v.bind))])),
      ]),
    ),
);

const environment: fc.Arbitrary<YNode> = fc
  .array(fc.tuple(secretName, fc.option(secretValue)), { minLength: 1, maxLength: 4 })
  .chain((pairs) => fc.constantFrom(map(pairs.map(([k, v]) => ({ key: k, value: scalar(v) }))), seq(pairs.map(([k, v]) => scalar(v === null ? k : `${k}=${v}`)))));

const build: fc.Arbitrary<YNode> = fc.oneof(
  fc.constantFrom('.', './api', 'api', '../outside', '/abs/path', 'https://github.com/o/r.git', '${CONTEXT}', '').map((s) => scalar(s)),
  fc
    .record({
      context: fc.option(fc.constantFrom('.', './api', 'web', '..', '/')),
      dockerfile: fc.option(fc.constantFrom('Dockerfile', 'Dockerfile.dev', 'api/Dockerfile', '../Dockerfile', '/etc/passwd', '')),
      args: fc.option(fc.array(fc.tuple(secretName, secretValue), { maxLength: 2 })),
      secrets: fc.option(fc.array(safeWord, { maxLength: 2 })),
    })
    .map((b) =>
      map([
        b.context === null ? undefined : entry('context', scalar(b.context)),
        b.dockerfile === null ? undefined : entry('dockerfile', scalar(b.dockerfile)),
        b.args === null ? undefined : entry('args', map(b.args.map(([k, v]) => ({ key: k, value: scalar(v) })))),
        b.secrets === null ? undefined : entry('secrets', seq(b.secrets.map((s) => scalar(s)))),
      ]),
    ),
);

const healthcheck: fc.Arbitrary<YNode> = fc.oneof(
  fc.constant(map([entry('disable', scalar(true))])),
  fc.constantFrom('NONE', 'none').map((t) => map([entry('test', scalar(t))])),
  fc.constant(map([entry('test', seq([scalar('NONE')]))])),
  fc.constant(map([entry('test', seq([scalar('CMD'), scalar('curl'), scalar('-f'), scalar('http://localhost')])), entry('interval', scalar('30s'))])),
);

const resources: fc.Arbitrary<YNode> = fc
  .record({ cpus: fc.option(fc.constantFrom('0.5', '2', '0', '-1', 'x')), memory: fc.option(fc.constantFrom('512M', '1g', '0', '')), pids: fc.option(fc.constantFrom(100, -1, 0)) })
  .map((r) =>
    map([
      entry(
        'resources',
        map([
          entry(
            'limits',
            map(
              Object.entries(r)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => ({ key: k, value: scalar(v) })),
            ),
          ),
        ]),
      ),
    ]),
  );

/** Security-relevant service keys, each in its short and long spellings. */
const serviceKey: fc.Arbitrary<Entry> = fc.oneof(
  str(imageRef).map((v) => ({ key: 'image', value: v })),
  orWrongType(build).map((v) => ({ key: 'build', value: v })),
  fc.constantFrom(true, false, 'true', 'yes').map((v) => ({ key: 'privileged', value: scalar(v) })),
  str(userSpec).map((v) => ({ key: 'user', value: v })),
  fc.tuple(fc.constantFrom('cap_add', 'cap_drop'), orWrongType(list(capability))).map(([key, value]) => ({ key, value })),
  orWrongType(
    list(
      fc.constantFrom(
        'no-new-privileges:true',
        'no-new-privileges',
        'no-new-privileges=false',
        'seccomp:unconfined',
        'seccomp=unconfined',
        'apparmor:unconfined',
        'apparmor=unconfined',
        'label:disable',
        'label=type:spc_t',
        'systempaths=unconfined',
      ),
    ),
  ).map((value) => ({ key: 'security_opt', value })),
  fc
    .tuple(fc.constantFrom('network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup'), fc.constantFrom('host', 'service:db', 'container:x', 'bridge', 'none', 'private'))
    .map(([key, v]) => ({ key, value: scalar(v) })),
  orWrongType(
    fc.oneof(
      list(fc.constantFrom('/dev/sda', '/dev/mem:/dev/mem', '/dev/kmsg:/dev/kmsg:rwm', '/dev/fuse')),
      fc.constant(seq([map([entry('source', scalar('/dev/sda')), entry('target', scalar('/dev/sda'))])])),
    ),
  ).map((value) => ({ key: 'devices', value })),
  orWrongType(fc.array(volumeValue, { minLength: 1, maxLength: 3 }).map((v) => seq(v))).map((value) => ({ key: 'volumes', value })),
  orWrongType(fc.array(portValue, { minLength: 1, maxLength: 3 }).map((v) => seq(v))).map((value) => ({ key: 'ports', value })),
  orWrongType(environment).map((value) => ({ key: 'environment', value })),
  orWrongType(
    fc.oneof(
      str(fc.constantFrom('.env', 'db.env', 'secrets/app.env', '../x.env', '/etc/shadow')),
      fc.constant(seq([map([entry('path', scalar('db.env')), entry('required', scalar(false))])])),
      list(fc.constantFrom('.env', 'db.env')),
    ),
  ).map((value) => ({ key: 'env_file', value })),
  orWrongType(healthcheck).map((value) => ({ key: 'healthcheck', value })),
  fc.constantFrom(true, false, 'yes').map((v) => ({ key: 'read_only', value: scalar(v) })),
  orWrongType(resources).map((value) => ({ key: 'deploy', value })),
  fc
    .tuple(fc.constantFrom('mem_limit', 'pids_limit', 'cpus', 'memswap_limit', 'cpu_shares'), fc.constantFrom('512m', '-1', '0', '1.5', 100, 'unlimited'))
    .map(([key, v]) => ({ key, value: scalar(v) })),
  fc.constantFrom('always', 'unless-stopped', 'on-failure', 'on-failure:5', 'no', 'nope').map((v) => ({ key: 'restart', value: scalar(v) })),
  orWrongType(fc.constant(map([entry('nofile', map([entry('soft', scalar(1048576)), entry('hard', scalar(1048576))])), entry('nproc', scalar(65535)), entry('core', scalar(-1))]))).map((value) => ({
    key: 'ulimits',
    value,
  })),
  fc.constantFrom('/', 'docker', 'm-executor', '../x').map((v) => ({ key: 'cgroup_parent', value: scalar(v) })),
  orWrongType(fc.constant(map([entry('net.ipv4.ip_forward', scalar(1)), entry('kernel.shm_rmid_forced', scalar(1))]))).map((value) => ({ key: 'sysctls', value })),
  fc.constantFrom('/tmp', '/run:size=64m').map((v) => ({ key: 'tmpfs', value: scalar(v) })),
  orWrongType(fc.constantFrom('default', 'backend', 'host').map((n) => seq([scalar(n)]))).map((value) => ({ key: 'networks', value })),
  fc.constantFrom('0', 'x').map((v) => ({ key: 'command', value: scalar(v) })),
);

/** `extends: other` or `extends: {service, file}`, pointing at a real, missing or self service. */
const extendsEntry = (names: string[]): fc.Arbitrary<Entry> =>
  fc.oneof(
    fc.constantFrom(...names, 'missing').map((n) => ({ key: 'extends', value: scalar(n) })),
    fc
      .tuple(fc.constantFrom(...names, 'missing'), fc.option(fc.constantFrom('common.yaml', 'compose.base.yaml', '../x.yaml')))
      .map(([n, file]) => ({ key: 'extends', value: map([entry('service', scalar(n)), file === null ? undefined : entry('file', scalar(file))]) })),
  );

const ANCHORS = ['common', 'sec', 'base'];

/** `x-` blocks carrying anchors the services merge in or alias. */
const extensionBlocks: fc.Arbitrary<Entry[]> = fc
  .array(fc.array(serviceKey, { minLength: 1, maxLength: 4 }), { maxLength: ANCHORS.length })
  .map((blocks) => blocks.map((keys, i) => ({ key: `x-${ANCHORS[i]}`, value: { ...map(keys), anchor: ANCHORS[i] } })));

function service(names: string[], anchors: string[]): fc.Arbitrary<YNode> {
  const merges: fc.Arbitrary<Entry[]> = anchors.length
    ? fc.oneof(
        fc.constant<Entry[]>([]),
        fc.constantFrom(...anchors).map((a) => [{ key: '<<', value: { t: 'alias', name: a } as YNode }]),
        fc.shuffledSubarray(anchors, { minLength: 1 }).map((as) => [{ key: '<<', value: seq(as.map((a) => ({ t: 'alias', name: a }) as YNode)) }]),
        fc.constantFrom(...anchors).map((a) => [{ key: 'security_opt', value: { t: 'alias', name: a } as YNode }]),
      )
    : fc.constant<Entry[]>([]);
  return fc
    .tuple(merges, fc.option(extendsEntry(names), { freq: 4 }), fc.array(serviceKey, { maxLength: 9 }), fc.option(suppressionComment(['DC001', 'DC002', 'DC005', 'DC011', 'XF003']), { freq: 5 }))
    .map(([merge, ext, keys, suppression]) => map([...(suppression ? [{ raw: suppression }] : []), ...merge, ...(ext ? [ext] : []), ...keys]));
}

/** A whole Compose file. */
export const compose: fc.Arbitrary<string> = fc
  .tuple(fc.array(orHostile(safeWord), { minLength: 1, maxLength: 4 }), extensionBlocks, styling, fc.constantFrom('', 'version: "3.8"\n', 'name: demo\n', '# comment\n'))
  .chain(([names, blocks, style, head]) => {
    const unique = [...new Set(names)];
    const anchors = blocks.map((b) => (b as { value: YNode }).value.anchor!);
    return fc
      .tuple(fc.tuple(...unique.map(() => orWrongType(service(unique, anchors)))), fc.boolean(), fc.boolean())
      .map(
        ([services, withNetworks, withSecrets]) =>
          head +
          printYaml(
            restyle(
              map([
                ...blocks,
                { key: 'services', value: map(unique.map((n, i) => ({ key: n, value: services[i] }))) },
                withNetworks ? entry('networks', map([entry('default', map([entry('driver', scalar('bridge'))])), entry('backend', map([entry('internal', scalar(true))]))])) : undefined,
                withSecrets ? entry('secrets', map([entry('db', map([entry('file', scalar('./db.txt'))])), entry('token', map([entry('environment', scalar('TOKEN'))]))])) : undefined,
                entry('volumes', map([entry('data', scalar(null))])),
              ]),
              style,
            ),
          ),
      );
  });
