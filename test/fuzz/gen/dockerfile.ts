// Dockerfiles from a grammar: parser directives (`# escape=`, `# syntax=`), global ARGs, stages with
// every instruction and its flags, RUN scripts with quotes, pipes, `$(…)`, `sh -c`, continuations
// (in the file's escape character, or the wrong one) and heredocs, plus junk lines.
import fc from 'fast-check';
import { hostPath, hostileText, imageRef, orHostile, port, safeWord, secretName, secretValue, suppressionComment, userSpec } from './common';

const pkg = fc.constantFrom('curl', 'wget', 'git', 'openssh-server', 'sudo', 'build-essential', 'gcc', 'ca-certificates', 'python3=3.11.2-1', 'nginx>=1.2', 'vim', 'netcat', 'bash', 'pkg-$VERSION');
const url = fc.constantFrom(
  'https://example.com/install.sh',
  'http://example.com/x.tar.gz',
  'https://get.example.sh',
  'ftp://h/x',
  'https://example.com/a b',
  '${URL}',
  'git@github.com:o/r.git',
  'https://github.com/o/r.git#main',
);

/** One simple command, as Dockerfiles write them. */
const command: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'apt-get install -y',
        'apt-get install -y --no-install-recommends',
        'apt install',
        'apk add',
        'apk add --no-cache',
        'yum install -y',
        'dnf install -y',
        'zypper in -y',
        'pip install',
        'pip3 install --no-cache-dir',
        'npm install -g',
        'gem install',
        'go install',
        'apt-get install --allow-unauthenticated -y',
        'apk add --allow-untrusted',
        'yum install --nogpgcheck -y',
      ),
      fc.array(pkg, { minLength: 0, maxLength: 3 }),
    )
    .map(([cmd, pkgs]) => `${cmd} ${pkgs.join(' ')}`.trimEnd()),
  fc.constantFrom(
    'apt-get update',
    'apt-get upgrade -y',
    'apt-get dist-upgrade',
    'apk upgrade',
    'yum update -y',
    'rm -rf /var/lib/apt/lists/*',
    'apt-get clean',
    'yum clean all',
    'set -eux',
    'set -o pipefail',
    'true',
    ':',
    'exit 0',
  ),
  fc.tuple(fc.constantFrom('curl -fsSL', 'curl -k', 'curl --insecure -o /tmp/x', 'wget -qO-', 'wget --no-check-certificate', 'git clone'), url).map(([c, u]) => `${c} ${u}`),
  fc.tuple(fc.constantFrom('curl -fsSL', 'wget -O -', 'curl'), url, fc.constantFrom('sh', 'bash', 'sudo bash -s --', 'python3', 'sh -s -- -y')).map(([c, u, sh]) => `${c} ${u} | ${sh}`),
  fc.tuple(fc.constantFrom('chmod u+s', 'chmod 4755', 'chmod 777', 'chmod -R 0777', 'chmod g+s', 'chown -R app:app', 'chown root'), hostPath).map(([c, p]) => `${c} ${p}`),
  fc.tuple(fc.constantFrom('useradd -u', 'useradd --uid', 'adduser -D -u', 'addgroup -g'), fc.constantFrom('0', '1000', '10001', 'x'), safeWord).map(([c, u, n]) => `${c} ${u} ${n}`),
  fc.tuple(secretValue).map(([v]) => `echo "root:${v}" | chpasswd`),
  fc.tuple(secretName, secretValue).map(([n, v]) => `export ${n}=${v}`),
  fc.constantFrom(
    'sudo make install',
    'ssh-keygen -A',
    'service ssh start',
    '/usr/sbin/sshd -D',
    'passwd -d root',
    'echo $(curl -s https://x | sh)',
    'eval "`wget -qO- http://x`"',
    'cd /app',
    'make',
    'pip install -r requirements.txt',
    'npm ci',
    'npm config set strict-ssl false',
    'git config --global http.sslVerify false',
    'export NODE_TLS_REJECT_UNAUTHORIZED=0',
    'cat /run/secrets/token',
    'echo "a \\"quoted\\" b"',
    "echo 'single $(not) expanded'",
  ),
  orHostile(safeWord),
);

const operator = fc.constantFrom(' && ', ' || ', '; ', ' | ', ' & ', ' &&', '&&', ' ;', ' |& ', ' > /dev/null && ', ' 2>&1 | ');

/** Commands joined by operators, sometimes wrapped in `sh -c "…"`, `$(…)`, a subshell or a group. */
const script: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(command, { minLength: 1, maxLength: 5 }),
    fc.array(operator, { minLength: 5, maxLength: 5 }),
    fc.constantFrom('none', 'none', 'sh-c', 'bash-c', 'subshell', 'group', 'dollar', 'backtick'),
  )
  .map(([cmds, ops, wrap]) => {
    const parts = cmds.map((c, i) => (i < cmds.length - 1 ? `${c}${ops[i]}` : c));
    const whole = parts.join('');
    switch (wrap) {
      case 'sh-c':
        return [`sh -c "${whole.replace(/"/g, '\\"')}"`];
      case 'bash-c':
        return [`bash -o pipefail -c '${whole.replace(/'/g, "'\\''")}'`];
      case 'subshell':
        return ['(', ...parts, ')'];
      case 'group':
        return ['{ ', ...parts, '; }'];
      case 'dollar':
        return [`echo $(${whole})`];
      case 'backtick':
        return [`echo \`${whole}\``];
      default:
        return parts;
    }
  });

interface Ctx {
  escape: string;
}

/** Script parts on one line, or one per continuation line (in the file's escape char, or the wrong one). */
const continued = (parts: string[], ctx: Ctx): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('one-line', 'continued', 'continued', 'wrong-escape', 'comment-inside', 'blank-inside', 'trailing-space'), fc.constantFrom('    ', '\t', '', '  '))
    .map(([layout, indent]) => {
      if (layout === 'one-line' || parts.length === 1) return parts.join('');
      const esc = layout === 'wrong-escape' ? (ctx.escape === '\\' ? '`' : '\\') : ctx.escape;
      const tail = layout === 'trailing-space' ? `${esc}  ` : esc;
      const lines = parts.map((p, i) => `${i ? indent : ''}${p}${i < parts.length - 1 ? ` ${tail}` : ''}`);
      if (layout === 'comment-inside') lines.splice(1, 0, '# a comment inside the continuation');
      if (layout === 'blank-inside') lines.splice(1, 0, '');
      return lines.join('\n');
    });

const heredoc = (body: fc.Arbitrary<string[]>): fc.Arbitrary<{ head: string; text: string }> =>
  fc
    .tuple(
      body,
      fc.constantFrom('EOF', 'EOT', '"EOF"', "'EOF'", '-EOF'),
      fc.constantFrom('', ' bash', ' sh -e', ' python3'),
      fc.constantFrom('terminated', 'terminated', 'unterminated', 'indented-end'),
    )
    .map(([lines, marker, interp, end]) => {
      const word = marker.replace(/^-|["']/g, '');
      const close = end === 'unterminated' ? [] : [end === 'indented-end' ? `\t${word}` : word];
      return { head: `<<${marker}${interp}`, text: ['', ...lines, ...close].join('\n') };
    });

const jsonArray = (items: string[]): fc.Arbitrary<string> =>
  fc.constantFrom('json', 'json', 'single-quoted', 'unclosed', 'spaces').map((form) => {
    const quoted = items.map((i) => JSON.stringify(i));
    switch (form) {
      case 'single-quoted':
        return `['${items.join("', '")}']`;
      case 'unclosed':
        return `[${quoted.join(', ')}`;
      case 'spaces':
        return `[ ${quoted.join(' , ')} ]`;
      default:
        return `[${quoted.join(', ')}]`;
    }
  });

const mountFlag = fc.constantFrom(
  '--mount=type=secret,id=npm,target=/root/.npmrc',
  '--mount=type=secret,id=token,env=TOKEN',
  '--mount=type=cache,target=/var/cache/apt',
  '--mount=type=bind,source=.,target=/src',
  '--mount=type=ssh',
  '--network=none',
  '--network=host',
  '--security=insecure',
  '--mount=type=secret,id=${ID}',
  '--mount=',
);

function run(ctx: Ctx): fc.Arbitrary<string> {
  const flags = fc.array(mountFlag, { maxLength: 2 }).map((f) => f.map((x) => `${x} `).join(''));
  const shellForm = fc.tuple(flags, script).chain(([f, parts]) => continued(parts, ctx).map((body) => `RUN ${f}${body}`));
  const execForm = fc.tuple(flags, fc.array(command, { minLength: 1, maxLength: 3 })).chain(([f, cmds]) => jsonArray(['sh', '-c', cmds.join(' && ')]).map((j) => `RUN ${f}${j}`));
  const heredocForm = fc.tuple(flags, heredoc(script)).map(([f, h]) => `RUN ${f}${h.head}${h.text}`);
  return fc.oneof({ weight: 6, arbitrary: shellForm }, { weight: 2, arbitrary: execForm }, { weight: 2, arbitrary: heredocForm });
}

const copySource = fc.constantFrom(
  '.',
  './',
  'src/',
  'app.py',
  '*.json',
  'package*.json',
  '.env',
  'id_rsa',
  '.ssh/',
  'secrets.yaml',
  '.npmrc',
  '.git',
  '..',
  '/etc/passwd',
  'config/app.yaml',
  '${SRC}',
  '"quoted name"',
  'a\\ b',
);

function copy(ctx: Ctx, stages: string[]): fc.Arbitrary<string> {
  const flags = fc.array(
    fc.oneof(
      fc.constantFrom('--chown=app:app', '--chown=0:0', '--chown=root', '--chmod=777', '--chmod=4755', '--chmod=0644', '--link', '--parents', '--exclude=*.md', '--chown=${UID}'),
      stages.length ? fc.constantFrom(...stages.map((s) => `--from=${s}`), '--from=0', '--from=nginx:latest', '--from=') : fc.constant('--from=builder'),
    ),
    { maxLength: 2 },
  );
  const paths = fc.tuple(fc.array(fc.oneof(copySource, url), { minLength: 1, maxLength: 3 }), fc.constantFrom('/app/', '/app', '.', '/root/.ssh/', '/usr/local/bin/', '$HOME/', ''));
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(fc.constantFrom('COPY', 'ADD', 'copy', 'Add'), flags, paths).map(([k, f, [srcs, dest]]) => `${k} ${f.map((x) => `${x} `).join('')}${srcs.join(' ')} ${dest}`.trimEnd()),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('COPY', 'ADD'), paths).chain(([k, [srcs, dest]]) => jsonArray([...srcs, dest]).map((j) => `${k} ${j}`)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('COPY', 'ADD'), heredoc(fc.array(fc.oneof(command, secretValue), { maxLength: 3 })), fc.constantFrom('/etc/app.conf', '/run.sh', ''))
        .map(([k, h, dest]) => `${k} --chmod=755 ${h.head} ${dest}${h.text}`),
    },
    { weight: 1, arbitrary: fc.tuple(copySource, fc.constantFrom('/app')).chain(([s, d]) => continued([`COPY ${s}`, d], ctx)) },
  );
}

function instruction(ctx: Ctx, stages: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: run(ctx) },
    { weight: 3, arbitrary: copy(ctx, stages) },
    { weight: 2, arbitrary: userSpec.map((u) => `USER ${u}`) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom('ENV', 'ARG', 'env'), secretName, fc.option(secretValue), fc.constantFrom('=', ' ', '="', "='")).map(([k, n, v, sep]) => {
        if (v === null) return `${k} ${n}`;
        const close = sep.length > 1 ? sep[1] : '';
        return `${k} ${n}${sep}${v}${close}`;
      }),
    },
    { weight: 1, arbitrary: fc.array(fc.tuple(secretName, secretValue), { minLength: 2, maxLength: 3 }).map((pairs) => `ENV ${pairs.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(' ')}`) },
    { weight: 1, arbitrary: fc.array(fc.oneof(port, fc.constantFrom('0.0.0.0:80:80', '80/tcp', '53/udp', '8080:80')), { minLength: 1, maxLength: 3 }).map((ps) => `EXPOSE ${ps.join(' ')}`) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostPath.map((p) => `VOLUME ${p}`),
        fc.array(hostPath, { maxLength: 2 }).chain((ps) => jsonArray(ps).map((j) => `VOLUME ${j}`)),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constant('HEALTHCHECK NONE'),
        fc.tuple(fc.constantFrom('', '--interval=30s ', '--timeout=3s --retries=3 ', '--start-period=x '), command).map(([f, c]) => `HEALTHCHECK ${f}CMD ${c}`),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('CMD', 'ENTRYPOINT'), fc.array(command, { minLength: 1, maxLength: 2 }), fc.boolean())
        .chain(([k, cmds, json]) => (json ? jsonArray(cmds) : fc.constant(cmds.join(' && '))).map((a) => `${k} ${a}`)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'WORKDIR /app',
        'WORKDIR $HOME',
        'LABEL maintainer="x" org.opencontainers.image.source=https://x',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'SHELL ["cmd", "/S", "/C"]',
        'SHELL /bin/sh',
        'STOPSIGNAL SIGTERM',
        'MAINTAINER someone',
        'ONBUILD RUN curl -s http://x | sh',
        'ONBUILD ADD . /app',
        'ONBUILD',
        'ARG',
        'ENV',
        'FROM',
        'CMD',
        'COPY',
        'RUN',
        'HEALTHCHECK',
        'USER',
        'EXPOSE',
      ),
    },
    { weight: 1, arbitrary: suppressionComment(['DF001', 'DF002', 'DF006', 'DF012', 'DF020', 'XF001']) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', '  ', '\t', 'UNKNOWN ', 'run ', '# ', '\\'), hostileText).map(([a, b]) => `${a}${b}`) },
  );
}

const from = (name: string | undefined, earlier: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: imageRef }, { weight: earlier.length ? 2 : 0, arbitrary: fc.constantFrom(...(earlier.length ? earlier : ['x'])) }),
      fc.constantFrom('', '', '--platform=$BUILDPLATFORM ', '--platform=linux/amd64 ', '--platform= '),
      fc.constantFrom(' AS ', ' as ', ' AS  ', ' As '),
    )
    .map(([image, platform, as]) => `FROM ${platform}${image}${name ? `${as}${name}` : ''}`);

/** A whole Dockerfile. */
export const dockerfile: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('\\', '\\', '\\', '`'),
    fc.constantFrom('', '# syntax=docker/dockerfile:1\n', '# syntax=docker/dockerfile:1.7-labs\n# check=skip=all\n', '#syntax=x\n'),
    fc.constantFrom('\n', '\n', '\r\n'),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([escape, syntax, eol, stageCount]) => {
    const ctx: Ctx = { escape };
    const names = Array.from({ length: stageCount }, (_, i) => (i === stageCount - 1 ? undefined : ['builder', 'deps', 'Build', '0'][i]));
    const stages = names.map((name, i) =>
      fc
        .tuple(
          from(
            name,
            names.slice(0, i).filter((n): n is string => !!n),
          ),
          fc.array(
            instruction(
              ctx,
              names.slice(0, i).filter((n): n is string => !!n),
            ),
            { maxLength: 7 },
          ),
        )
        .map(([f, body]) => [f, ...body].join('\n')),
    );
    const preamble = fc.array(fc.constantFrom('ARG BASE=alpine:3.20', 'ARG TAG', 'ARG REGISTRY=docker.io', 'ARG IMAGE=nginx:${TAG}', 'ARG PASSWORD=changeme', '# global comment', ''), {
      maxLength: 3,
    });
    const escapeDirective = escape === '`' ? '# escape=`\n' : fc.constantFrom('', '', '# escape=\\\n', '#escape=\\\n');
    return fc.tuple(fc.constant(syntax), typeof escapeDirective === 'string' ? fc.constant(escapeDirective) : escapeDirective, preamble, fc.tuple(...stages)).map(
      ([syn, esc, pre, body]) =>
        [`${syn}${esc}`.replace(/\n$/, ''), ...pre, ...body]
          .filter((l, i) => i > 0 || l !== '')
          .join('\n')
          .replace(/\n/g, eol) + eol,
    );
  });
