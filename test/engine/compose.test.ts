// Compose model: services, settings shared through merge keys, and the volume/port/environment syntaxes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, mergeConfig, SourceFile } from '../../server/src/engine/index';
import { parseYamlStream } from '../../server/src/engine/parse/yaml';
import {
  buildComposeModel,
  environmentEntries,
  extendsChain,
  parseShortPort,
  parseShortVolume,
  portMappings,
  resolveSetting,
  serviceLookup,
  serviceSettings,
  servicesHolding,
  serviceValue,
  volumeMounts,
} from '../../server/src/engine/parse/compose';

function modelOf(text: string) {
  return buildComposeModel(parseYamlStream(new SourceFile('compose.yaml', text)).documents);
}

/** The named setting's value in the first service, with its document. */
function settingOf(text: string, key: string) {
  const model = modelOf(text);
  const service = model.services[0];
  return { doc: service.doc, node: service.doc.get(service.node, key) };
}

test('short volume syntax: host paths, named and anonymous volumes, interpolation, Windows drives', () => {
  assert.deepEqual(parseShortVolume('/var/run/docker.sock:/var/run/docker.sock:ro'), { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', options: ['ro'] });
  assert.deepEqual(parseShortVolume('./config:/config'), { type: 'bind', source: './config', target: '/config', options: [] });
  assert.deepEqual(parseShortVolume('~/cache:/cache'), { type: 'bind', source: '~/cache', target: '/cache', options: [] });
  assert.deepEqual(parseShortVolume('data:/var/lib/postgresql/data'), { type: 'volume', source: 'data', target: '/var/lib/postgresql/data', options: [] });
  assert.deepEqual(parseShortVolume('/var/cache/app'), { type: 'volume', target: '/var/cache/app', options: [] });
  assert.deepEqual(parseShortVolume('${DATA_DIR:-/srv/data}:/data:rw'), { type: 'volume', source: '${DATA_DIR:-/srv/data}', target: '/data', options: ['rw'] });
  assert.deepEqual(parseShortVolume('C:\\data:/data'), { type: 'bind', source: 'C:\\data', target: '/data', options: [] });
  assert.deepEqual(parseShortVolume('/mnt:/mnt:ro,rshared,z'), { type: 'bind', source: '/mnt', target: '/mnt', options: ['ro', 'rshared', 'z'] });
});

test('volume entries in both syntaxes anchor the source where it is written', () => {
  const text =
    'services:\n  a:\n    volumes:\n      - /etc:/host-etc\n      - type: bind\n        source: /proc\n        target: /p\n      - type: tmpfs\n        target: /tmp\n      - source: /sys\n        target: /s\n';
  const { doc, node } = settingOf(text, 'volumes');
  const mounts = volumeMounts(doc, node);
  assert.deepEqual(
    mounts.map(({ type, source, target }) => ({ type, source, target })),
    [
      { type: 'bind', source: '/etc', target: '/host-etc' },
      { type: 'bind', source: '/proc', target: '/p' },
      { type: 'tmpfs', source: undefined, target: '/tmp' },
      { type: 'bind', source: '/sys', target: '/s' }, // no `type:`: judged like the short syntax
    ],
  );
  const withSource = mounts.filter((m) => m.source !== undefined);
  assert.deepEqual(
    withSource.map((m) => doc.src.textOf(doc.rangeOf(m.sourceNode))),
    ['/etc:/host-etc', '/proc', '/sys'],
  );
});

test('mount modes: read-only and bind propagation in both syntaxes', () => {
  const text =
    'services:\n  a:\n    volumes:\n      - /mnt:/mnt:ro,rshared\n      - type: bind\n        source: /srv\n        target: /srv\n        read_only: true\n        bind: {propagation: shared}\n      - data:/data\n';
  const { doc, node } = settingOf(text, 'volumes');
  assert.deepEqual(
    volumeMounts(doc, node).map(({ readOnly, propagation }) => ({ readOnly, propagation })),
    [
      { readOnly: true, propagation: 'rshared' },
      { readOnly: true, propagation: 'shared' },
      { readOnly: false, propagation: undefined },
    ],
  );
});

test("extends: a service sees its base's settings; a base in another file makes them unknown", () => {
  const model = modelOf(
    'services:\n  base:\n    mem_limit: 1g\n    deploy: {resources: {limits: {cpus: "1"}}}\n  mid:\n    extends: base\n  app:\n    extends: {service: mid}\n    deploy: {replicas: 2}\n  far:\n    extends: {file: common.yaml, service: x}\n  loop:\n    extends: loop\n',
  );
  const [base, , app, far, loop] = model.services;
  assert.deepEqual(
    extendsChain(model, app)?.map((s) => s.name),
    ['app', 'mid', 'base'],
  );
  assert.equal(extendsChain(model, far), undefined);
  assert.equal(extendsChain(model, loop), undefined);
  const memory = resolveSetting(model, app, ['mem_limit']);
  assert.ok(memory && memory !== 'unknown' && memory.inherited && memory.map === base.node);
  const cpus = resolveSetting(model, app, ['deploy', 'resources', 'limits', 'cpus']);
  assert.ok(cpus && cpus !== 'unknown' && cpus.inherited, 'deploy maps merge key by key');
  assert.equal(resolveSetting(model, far, ['mem_limit']), 'unknown');
  assert.equal(resolveSetting(model, base, ['pids_limit']), undefined);
  const own = resolveSetting(model, base, ['mem_limit']);
  assert.ok(own && own !== 'unknown' && !own.inherited);
});

test('short port syntax: host address, published and target ports, protocol', () => {
  assert.deepEqual(parseShortPort('80'), { target: '80' });
  assert.deepEqual(parseShortPort('8080:80'), { published: '8080', target: '80' });
  assert.deepEqual(parseShortPort('127.0.0.1:8080:80/tcp'), { hostIp: '127.0.0.1', published: '8080', target: '80', protocol: 'tcp' });
  assert.deepEqual(parseShortPort('127.0.0.1::80'), { hostIp: '127.0.0.1', target: '80' });
  assert.deepEqual(parseShortPort('[::1]:8080:80'), { hostIp: '[::1]', published: '8080', target: '80' });
  assert.deepEqual(parseShortPort('::1:8080:80'), { hostIp: '::1', published: '8080', target: '80' });
  assert.deepEqual(parseShortPort('5353-5354:53-54/udp'), { published: '5353-5354', target: '53-54', protocol: 'udp' });
  assert.deepEqual(parseShortPort('${WEB_PORT:-8080}:80'), { published: '${WEB_PORT:-8080}', target: '80' });
  assert.deepEqual(parseShortPort(':80'), { target: '80' }, 'an empty host port is a random one');
  assert.deepEqual(parseShortPort('${BIND}:8080:80'), { hostIp: '${BIND}', published: '8080', target: '80' }, 'a third part is the host part, address or not');
  assert.deepEqual(parseShortPort('$::2'), { hostIp: '$', target: '2' });
});

test('port entries: numbers, strings and the long syntax', () => {
  const text = 'services:\n  a:\n    ports:\n      - 80\n      - "10.0.0.5:443:443"\n      - target: 53\n        published: 5353\n        protocol: udp\n';
  const { doc, node } = settingOf(text, 'ports');
  const ports = portMappings(doc, node);
  assert.deepEqual(
    ports.map(({ hostIp, published, target, protocol, long }) => ({ hostIp, published, target, protocol, long })),
    [
      { hostIp: undefined, published: undefined, target: '80', protocol: undefined, long: false },
      { hostIp: '10.0.0.5', published: '443', target: '443', protocol: undefined, long: false },
      { hostIp: undefined, published: '5353', target: '53', protocol: 'udp', long: true },
    ],
  );
  assert.equal(doc.src.textOf(doc.rangeOf(ports[2].publishedNode)), '5353');
});

test('environment as a map and as a list; a name without a value has none', () => {
  const asMap = settingOf('services:\n  a:\n    environment:\n      A: "1"\n      B:\n      C: 3\n', 'environment');
  assert.deepEqual(
    environmentEntries(asMap.doc, asMap.node).map(({ name, value }) => ({ name, value })),
    [
      { name: 'A', value: '1' },
      { name: 'B', value: undefined },
      { name: 'C', value: '3' },
    ],
  );
  const asList = settingOf('services:\n  a:\n    environment:\n      - A=1=2\n      - B\n      - C=\n', 'environment');
  const entries = environmentEntries(asList.doc, asList.node);
  assert.deepEqual(
    entries.map(({ name, value }) => ({ name, value })),
    [
      { name: 'A', value: '1=2' },
      { name: 'B', value: undefined },
      { name: 'C', value: '' },
    ],
  );
  assert.equal(asList.doc.src.textOf(asList.doc.rangeOf(entries[0].node)), 'A=1=2');
});

test('a setting written in a merge-key anchor is one setting shared by the services that merge it', () => {
  const model = modelOf('x-base: &base\n  network_mode: host\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c:\n    network_mode: host\n');
  const settings = serviceSettings(model, 'network_mode');
  assert.deepEqual(
    settings.map((s) => ({ inherited: s.inherited, services: s.services.map((x) => x.name) })),
    [
      { inherited: true, services: ['a', 'b'] },
      { inherited: false, services: ['c'] },
    ],
  );
});

test('serviceSettings visits, in order, every service whose lookup finds the key: own keys, merges, both, duplicates', () => {
  const model = modelOf(
    'x-base: &base\n  pid: host\nservices:\n  a: &a\n    <<: *base\n  b:\n    pid: "container:a"\n  c:\n    pid: host\n    <<: *base\n  d:\n    image: x\n  e:\n    pid: host\n    pid: private\n  f: *a\n  g:\n    <<: {ipc: host}\n',
  );
  for (const key of ['pid', 'ipc', 'image', 'absent']) {
    const expected = model.services.filter((s) => s.doc.lookup(s.node, key)).map((s) => s.name);
    assert.deepEqual(
      serviceSettings(model, key)
        .flatMap((setting) => setting.services.map((s) => s.name))
        .sort(),
      expected.sort(),
      key,
    );
  }
  assert.deepEqual(
    serviceSettings(model, 'pid').map((s) => s.services.map((x) => x.name)),
    [['a', 'f'], ['b'], ['c'], ['e']],
  );
});

test('serviceSettings finds what lookups find through chains of merges, lists of sources, inline maps and cycles', () => {
  // It skips the merging services for a key no merged map writes, and looks a key up once for the services
  // merging the same list of maps (s1, s5): each shape of merge must still reach its keys.
  const model = modelOf(
    'x-a: &a\n  user: root\nx-b: &b\n  <<: *a\n  devices: [/dev/x]\nx-c: &c\n  <<: [*c, *b]\n  uts: host\nx-list: &list [pid]\nservices:\n  s1:\n    <<: *b\n  s2:\n    <<: [*c, {cgroup_parent: c}]\n  s3:\n    <<: *list\n    image: x\n  s4: &s4\n    image: y\n    <<: *s4\n  s5:\n    <<: [*b, *b]\n  s6:\n    <<: *c\n    uts: private\n  s7: &s7\n    <<: *b\n',
  );
  for (const key of ['user', 'devices', 'uts', 'cgroup_parent', 'image', 'pid', 'ipc']) {
    const expected = model.services.filter((s) => s.doc.lookup(s.node, key)).map((s) => s.name);
    assert.deepEqual(
      serviceSettings(model, key).flatMap((setting) => setting.services.map((s) => s.name)),
      expected,
      key,
    );
  }
  assert.deepEqual(
    ['user', 'uts', 'cgroup_parent', 'pid'].map((key) => serviceSettings(model, key).flatMap((setting) => setting.services.map((s) => s.name))),
    [['s1', 's2', 's5', 's6', 's7'], ['s2', 's6'], ['s2'], []],
  );
});

test('serviceLookup, serviceValue and servicesHolding answer as a lookup in each service: own keys, merges, aliased services, keys no service holds', () => {
  const model = modelOf(
    'x-a: &a\n  user: root\n  extends: base\nx-b: &b\n  <<: *a\n  devices: [/dev/x]\nx-c: &c\n  <<: [*c, *b]\n  uts: host\nservices:\n  s1:\n    <<: *b\n  s2:\n    <<: [*c, {cgroup_parent: c}]\n    user: me\n  s3: &s3\n    image: x\n    build: .\n  s4: *s3\n  s5:\n    <<: [*b, *b]\n    user: null\n',
  );
  for (const key of ['user', 'devices', 'uts', 'cgroup_parent', 'image', 'build', 'extends', 'absent']) {
    for (const service of model.services) {
      assert.deepEqual(serviceLookup(model, service, key), service.doc.lookup(service.node, key), `${service.name} ${key}`);
      assert.equal(serviceValue(model, service, key), service.doc.get(service.node, key), `${service.name} ${key}`);
    }
    assert.deepEqual(
      servicesHolding(model, key).map((s) => s.name),
      model.services.filter((s) => s.doc.lookup(s.node, key)).map((s) => s.name),
      key,
    );
  }
});

test('serviceLookup finds the pair a lookup finds: repeated keys (the last copy, the first in a template), sources in another order, repeated, several merge keys, non-maps', () => {
  // A key a service writes is read from the model's key index, and services merging the same list of
  // maps share one lookup through them: the pair found must be the very one each service's lookup finds.
  const text =
    'x-a: &a\n  user: a\n  pid: a\nx-b: &b\n  user: b\n  ipc: b\nx-list: &list [pid]\nservices:\n  s1:\n    <<: [*a, *b]\n  s2:\n    <<: [*b, *a]\n  s3:\n    <<: [*a, *a, *b]\n  s4:\n    <<: [*list, *b]\n  s5:\n    <<: *list\n  s6:\n    <<: *b\n    <<: *a\n  s7:\n    <<: [*a, *b]\n    user: own\n    user: last\n  s8:\n    user: first\n    <<: *b\n    user: second\n';
  for (const source of [text, `# {{ .Values.note }}\n${text}`]) {
    const model = modelOf(source);
    for (const key of ['user', 'pid', 'ipc', 'absent']) {
      for (const service of model.services) {
        const found = serviceLookup(model, service, key);
        const expected = service.doc.lookup(service.node, key);
        assert.equal(found?.pair, expected?.pair, `${service.name} ${key}`);
        assert.equal(found?.map, expected?.map, `${service.name} ${key}`);
      }
    }
    const users = model.services.map((s) => s.doc.scalar(serviceLookup(model, s, 'user')?.pair.value));
    const template = source !== text;
    assert.deepEqual(users, ['a', 'b', 'a', 'b', undefined, 'b', template ? 'own' : 'last', template ? 'first' : 'second'], template ? 'in a template' : 'plain');
  }
});

test('services merging the same maps join one setting, in runs or apart; a value written in an unanchored map merged twice is not grouped', () => {
  // s1, s3, s6, s7 merge the same anchor (s6 is anchored itself, s8 aliases it); s4 and s5 reach an inline map through
  // one anchor: a map without an anchor groups nothing (as before services shared their lookups).
  const model = modelOf(
    'x-a: &a\n  ipc: host\nx-i: &i\n  <<: {ipc: private}\nservices:\n  s1:\n    <<: *a\n  s2:\n    ipc: own\n  s3:\n    <<: *a\n  s4:\n    <<: *i\n  s5:\n    <<: *i\n  s6: &s6\n    <<: *a\n  s7:\n    <<: *a\n  s8: *s6\n',
  );
  assert.deepEqual(
    serviceSettings(model, 'ipc').map((s) => ({ services: s.services.map((x) => x.name), inheritedBy: s.inheritedBy.map((x) => x.name), inherited: s.inherited })),
    [
      { services: ['s1', 's3', 's6', 's7', 's8'], inheritedBy: ['s1', 's3', 's6', 's7', 's8'], inherited: true },
      { services: ['s2'], inheritedBy: [], inherited: false },
      { services: ['s4'], inheritedBy: ['s4'], inherited: true },
      { services: ['s5'], inheritedBy: ['s5'], inherited: true },
    ],
  );
});

test('findings in an anchor are reported once, naming each inheriting service as related information', () => {
  const text = 'x-base: &base\n  pid: host\n  environment:\n    DB_PASSWORD: hunter2hunter2\nservices:\n  api:\n    <<: *base\n  worker:\n    <<: *base\n';
  const result = analyze({ uri: 'file:///ws/compose.yaml', text }, mergeConfig({ rules: { DC004: 'error', DC005: 'error' } }));
  const findings = result.findings.filter((f) => f.ruleId === 'DC004' || f.ruleId === 'DC005');
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.range.start.line]),
    [
      ['DC004', 1],
      ['DC005', 3],
    ],
  );
  for (const f of findings) {
    assert.deepEqual(
      f.related?.map((r) => [r.range.start.line, r.message]),
      [
        [5, 'Inherited by service "api".'],
        [7, 'Inherited by service "worker".'],
      ],
    );
  }
});

test('a named volume binding a host path is reported at its device, naming the services that mount it', () => {
  const text = 'services:\n  a:\n    volumes: [hostroot:/h]\nvolumes:\n  hostroot:\n    driver_opts:\n      type: none\n      o: bind\n      device: /\n';
  const result = analyze({ uri: 'file:///ws/compose.yaml', text }, mergeConfig({ rules: { DC002: 'error' } }));
  const findings = result.findings.filter((f) => f.ruleId === 'DC002');
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.range.start.line, f.related?.map((r) => [r.range.start.line, r.message])]),
    [['hostRoot', 8, [[1, 'Mounted by service "a".']]]],
  );
});

test('an aliased value or an aliased service is one setting; only the services that do not write it inherit it', () => {
  const model = modelOf('x-env: &env {A: "1"}\nservices:\n  a: &a\n    environment: *env\n    pid: host\n  b: *a\n  c:\n    environment: *env\n  d:\n    environment: {A: "2"}\n');
  const describe = (key: string) =>
    serviceSettings(model, key).map((s) => ({
      aliased: s.aliased,
      services: s.services.map((x) => x.name),
      inheritedBy: s.inheritedBy.map((x) => x.name),
    }));
  assert.deepEqual(describe('environment'), [
    { aliased: true, services: ['a', 'b', 'c'], inheritedBy: ['a', 'b', 'c'] },
    { aliased: false, services: ['d'], inheritedBy: [] },
  ]);
  assert.deepEqual(describe('pid'), [{ aliased: false, services: ['a', 'b'], inheritedBy: ['b'] }]);
});

test("environment merge keys: merged variables are included and marked, the environment's own keys win", () => {
  const { doc, node } = settingOf(
    'x-common: &common\n  A: from-anchor\n  B: from-anchor\nx-more: &more\n  B: second\n  C: second\nservices:\n  a:\n    environment:\n      <<: [*common, *more]\n      A: own\n',
    'environment',
  );
  assert.deepEqual(
    environmentEntries(doc, node).map(({ name, value, merged }) => ({ name, value, merged })),
    [
      { name: 'A', value: 'own', merged: false },
      { name: 'B', value: 'from-anchor', merged: true },
      { name: 'C', value: 'second', merged: true },
    ],
  );
});

test('environment merge keys read as a walk of the merged maps: chains, repeated sources, cycles, repeated names, shared anchors', () => {
  // The entries of a merged map are worked out once and shared by every environment merging it: each
  // environment must still read its own keys, then each map of its merge walk once, the first copy of a name winning.
  const model = modelOf(
    'x-a: &a\n  A: a\n  B: a\nx-b: &b\n  <<: *a\n  B: b\n  C: b\n  C: b2\nx-c: &c\n  <<: [*c, *b]\n  D: c\nservices:\n  s1:\n    environment:\n      <<: *b\n      A: own\n  s2:\n    environment:\n      <<: [*a, *c, *b]\n      E: own\n      E: own2\n  s3:\n    environment: &e3\n      <<: [*c]\n      X: own\n  s4:\n    environment:\n      <<: [*e3, *a]\n  s5:\n    environment: &e5\n      <<: *e5\n      Y: own\n',
  );
  const walked = (doc: (typeof model.services)[number]['doc'], node: unknown) => {
    const names = new Set<string>();
    const out: Array<{ name: string; value: unknown; merged: boolean }> = [];
    let merged = false;
    for (const map of doc.mergedMaps(node)) {
      for (const { key, pair } of doc.entries(map)) {
        if (merged && names.has(key)) continue;
        names.add(key);
        out.push({ name: key, value: doc.scalar(pair.value), merged });
      }
      merged = true;
    }
    return out;
  };
  for (const service of model.services) {
    const environment = service.doc.get(service.node, 'environment');
    assert.deepEqual(
      environmentEntries(service.doc, environment).map(({ name, value, merged }) => ({ name, value, merged })),
      walked(service.doc, environment),
      service.name,
    );
  }
});

test('override files: partial services are not missing settings; the base learns what its override sets', () => {
  const ids = (uri: string, text: string, files?: Record<string, string>) =>
    analyze({ uri, text, workspace: files ? memoryHost(files, '/p') : undefined }, mergeConfig()).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
  const override = 'services:\n  web:\n    read_only: true\n    security_opt: ["no-new-privileges:true"]\n  debug:\n    privileged: true\n';
  assert.deepEqual(ids('/p/compose.override.yaml', override), ['DC001@5'], 'only what is written is judged');
  const base = 'services:\n  web:\n    image: example/web:1.0\n    mem_limit: 256m\n    pids_limit: 100\n';
  assert.deepEqual(ids('/p/compose.yaml', base).sort(), ['DC007@1', 'DC010@1', 'DC012@1'], 'without the workspace');
  assert.deepEqual(ids('/p/compose.yaml', base, { '/p/compose.yaml': base, '/p/compose.override.yml': override }), ['DC010@1'], 'with compose.override.yml beside it');
});
