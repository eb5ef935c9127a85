// The CIS Kubernetes Benchmark checks that a control-plane file decides, as data: one row per setting
// (component, flag or KubeletConfiguration field, what is expected, the CIS section), grouped by the
// cluster rule (KC…) that reports them. Section numbers are those of CIS Kubernetes Benchmark v1.7.0
// (Kubernetes 1.25); checks the benchmark has since dropped (insecure port, basic auth, kubelet-https)
// cite v1.6.0 (`v1.6 1.2.19`).

/** The control-plane programs whose settings the table judges. */
export type Component = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler' | 'kubelet';

export type Expectation =
  /** The value must be this one (case-insensitive). */
  | { is: string }
  /** The value must not be this one. */
  | { not: string }
  /** Must be written (a file path: the right value depends on the cluster). */
  | { set: true }
  /** Must not be written at all. */
  | { unset: true }
  /** A comma-separated list that must hold `item`. */
  | { includes: string }
  /** A comma-separated list that must not hold `item`. */
  | { excludes: string }
  /** A number no lower than this. */
  | { atLeast: number }
  /** A list whose every item is one of these (TLS cipher suites). */
  | { within: readonly string[] }
  /** A duration (`60s`, `1h`, `4h0m0s`) above zero and at most this many seconds. */
  | { duration: { max: number } };

export interface FlagCheck {
  component: Component;
  /** The command-line flag, without dashes; for the kubelet, also read from kubeadm `kubeletExtraArgs`. */
  flag?: string;
  /** The KubeletConfiguration field (dot path) with the same meaning, and its default when unset. */
  field?: { path: string; default?: string };
  expect: Expectation;
  /** The binary's default when the flag is unset (undefined: unset has no value to judge); a field's is in `field`. */
  default?: string;
  cis: string;
  /** Only judged when this other flag is set (audit log rotation needs an audit log). */
  requires?: string;
}

/** Cipher suites the CIS benchmark accepts (1.2.30, 4.2.13): ECDHE with AES-GCM or ChaCha20, plus the TLS 1.3 suites. */
export const STRONG_CIPHERS: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];
const STRONG_TLS_VERSIONS = ['VersionTLS12', 'VersionTLS13'];

const API = 'kube-apiserver';
const CM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';

/** Every check, by the rule that reports it. */
export const FLAG_CHECKS = {
  KC001: [
    { component: API, flag: 'anonymous-auth', expect: { is: 'false' }, default: 'true', cis: '1.2.1' },
    { component: 'kubelet', flag: 'anonymous-auth', default: 'true', field: { path: 'authentication.anonymous.enabled', default: 'false' }, expect: { is: 'false' }, cis: '4.2.1' },
  ],
  KC002: [
    { component: API, flag: 'authorization-mode', expect: { excludes: 'AlwaysAllow' }, default: 'AlwaysAllow', cis: '1.2.6' },
    { component: API, flag: 'authorization-mode', expect: { includes: 'Node' }, default: 'AlwaysAllow', cis: '1.2.7' },
    { component: API, flag: 'authorization-mode', expect: { includes: 'RBAC' }, default: 'AlwaysAllow', cis: '1.2.8' },
    { component: 'kubelet', flag: 'authorization-mode', default: 'AlwaysAllow', field: { path: 'authorization.mode', default: 'Webhook' }, expect: { not: 'AlwaysAllow' }, cis: '4.2.2' },
  ],
  KC003: [
    { component: API, flag: 'insecure-port', expect: { is: '0' }, cis: 'v1.6 1.2.19' },
    { component: API, flag: 'insecure-bind-address', expect: { unset: true }, cis: 'v1.6 1.2.18' },
    { component: API, flag: 'secure-port', expect: { not: '0' }, cis: 'v1.6 1.2.20' },
    { component: 'kubelet', flag: 'read-only-port', default: '10255', field: { path: 'readOnlyPort', default: '0' }, expect: { is: '0' }, cis: '4.2.4' },
  ],
  KC004: [
    { component: API, flag: 'token-auth-file', expect: { unset: true }, cis: '1.2.2' },
    { component: API, flag: 'basic-auth-file', expect: { unset: true }, cis: 'v1.6 1.2.2' },
  ],
  KC005: [
    { component: API, flag: 'tls-cert-file', expect: { set: true }, cis: '1.2.25' },
    { component: API, flag: 'tls-private-key-file', expect: { set: true }, cis: '1.2.25' },
    { component: API, flag: 'client-ca-file', expect: { set: true }, cis: '1.2.26' },
    { component: API, flag: 'kubelet-client-certificate', expect: { set: true }, cis: '1.2.4' },
    { component: API, flag: 'kubelet-client-key', expect: { set: true }, cis: '1.2.4' },
    { component: API, flag: 'kubelet-certificate-authority', expect: { set: true }, cis: '1.2.5' },
    { component: API, flag: 'kubelet-https', expect: { is: 'true' }, default: 'true', cis: 'v1.6 1.2.4' },
    { component: API, flag: 'etcd-certfile', expect: { set: true }, cis: '1.2.24' },
    { component: API, flag: 'etcd-keyfile', expect: { set: true }, cis: '1.2.24' },
    { component: API, flag: 'etcd-cafile', expect: { set: true }, cis: '1.2.27' },
    { component: 'kubelet', flag: 'client-ca-file', field: { path: 'authentication.x509.clientCAFile' }, expect: { set: true }, cis: '4.2.3' },
  ],
  KC006: [
    { component: 'etcd', flag: 'cert-file', expect: { set: true }, cis: '2.1' },
    { component: 'etcd', flag: 'key-file', expect: { set: true }, cis: '2.1' },
    { component: 'etcd', flag: 'client-cert-auth', expect: { is: 'true' }, default: 'false', cis: '2.2' },
    { component: 'etcd', flag: 'auto-tls', expect: { is: 'false' }, default: 'false', cis: '2.3' },
    { component: 'etcd', flag: 'peer-cert-file', expect: { set: true }, cis: '2.4' },
    { component: 'etcd', flag: 'peer-key-file', expect: { set: true }, cis: '2.4' },
    { component: 'etcd', flag: 'peer-client-cert-auth', expect: { is: 'true' }, default: 'false', cis: '2.5' },
    { component: 'etcd', flag: 'peer-auto-tls', expect: { is: 'false' }, default: 'false', cis: '2.6' },
  ],
  KC007: [
    { component: API, flag: 'enable-admission-plugins', expect: { includes: 'NodeRestriction' }, default: '', cis: '1.2.15' },
    { component: API, flag: 'enable-admission-plugins', expect: { excludes: 'AlwaysAdmit' }, cis: '1.2.10' },
    { component: API, flag: 'disable-admission-plugins', expect: { excludes: 'ServiceAccount' }, cis: '1.2.13' },
    { component: API, flag: 'disable-admission-plugins', expect: { excludes: 'NamespaceLifecycle' }, cis: '1.2.14' },
  ],
  KC008: [
    { component: API, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.2.16' },
    { component: CM, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.3.2' },
    { component: SCHED, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.4.1' },
  ],
  KC009: [
    { component: API, flag: 'audit-log-path', expect: { set: true }, cis: '1.2.17' },
    { component: API, flag: 'audit-policy-file', expect: { set: true }, cis: '3.2.1', requires: 'audit-log-path' },
    { component: API, flag: 'audit-log-maxage', expect: { atLeast: 30 }, default: '0', cis: '1.2.18', requires: 'audit-log-path' },
    { component: API, flag: 'audit-log-maxbackup', expect: { atLeast: 10 }, default: '0', cis: '1.2.19', requires: 'audit-log-path' },
    { component: API, flag: 'audit-log-maxsize', expect: { atLeast: 100 }, default: '0', cis: '1.2.20', requires: 'audit-log-path' },
  ],
  KC010: [{ component: API, flag: 'encryption-provider-config', expect: { set: true }, cis: '1.2.28' }],
  KC011: [
    { component: API, flag: 'service-account-lookup', expect: { is: 'true' }, default: 'true', cis: '1.2.22' },
    { component: API, flag: 'service-account-key-file', expect: { set: true }, cis: '1.2.23' },
    { component: CM, flag: 'use-service-account-credentials', expect: { is: 'true' }, default: 'false', cis: '1.3.3' },
    { component: CM, flag: 'service-account-private-key-file', expect: { set: true }, cis: '1.3.4' },
    { component: CM, flag: 'root-ca-file', expect: { set: true }, cis: '1.3.5' },
  ],
  KC012: [
    { component: CM, flag: 'bind-address', expect: { is: '127.0.0.1' }, default: '0.0.0.0', cis: '1.3.7' },
    { component: SCHED, flag: 'bind-address', expect: { is: '127.0.0.1' }, default: '0.0.0.0', cis: '1.4.2' },
  ],
  KC013: [
    { component: CM, flag: 'feature-gates', expect: { excludes: 'RotateKubeletServerCertificate=false' }, cis: '1.3.6' },
    { component: 'kubelet', flag: 'rotate-certificates', default: 'false', field: { path: 'rotateCertificates', default: 'false' }, expect: { is: 'true' }, cis: '4.2.11' },
    { component: 'kubelet', flag: 'feature-gates', expect: { excludes: 'RotateKubeletServerCertificate=false' }, cis: '4.2.12' },
    { component: 'kubelet', field: { path: 'featureGates.RotateKubeletServerCertificate' }, expect: { not: 'false' }, cis: '4.2.12' },
  ],
  KC014: [
    { component: API, flag: 'tls-cipher-suites', expect: { within: STRONG_CIPHERS }, cis: '1.2.30' },
    { component: API, flag: 'tls-min-version', expect: { within: STRONG_TLS_VERSIONS }, cis: '1.2.30' },
    { component: 'etcd', flag: 'cipher-suites', expect: { within: STRONG_CIPHERS }, cis: '2.1' },
    { component: 'kubelet', flag: 'tls-cipher-suites', field: { path: 'tlsCipherSuites' }, expect: { within: STRONG_CIPHERS }, cis: '4.2.13' },
    { component: 'kubelet', flag: 'tls-min-version', field: { path: 'tlsMinVersion' }, expect: { within: STRONG_TLS_VERSIONS }, cis: '4.2.13' },
  ],
  KC015: [
    { component: API, flag: 'request-timeout', expect: { duration: { max: 3600 } }, cis: '1.2.21' },
    // Only the flag: in a KubeletConfiguration a zero duration means "the default" (4h), and kubeadm writes `0s`.
    { component: 'kubelet', flag: 'streaming-connection-idle-timeout', expect: { duration: { max: Infinity } }, cis: '4.2.5' },
  ],
  KC016: [
    { component: 'kubelet', flag: 'protect-kernel-defaults', default: 'false', field: { path: 'protectKernelDefaults', default: 'false' }, expect: { is: 'true' }, cis: '4.2.6' },
    { component: 'kubelet', flag: 'make-iptables-util-chains', field: { path: 'makeIPTablesUtilChains', default: 'true' }, expect: { is: 'true' }, cis: '4.2.7' },
    { component: 'kubelet', flag: 'hostname-override', expect: { unset: true }, cis: '4.2.8' },
  ],
} satisfies Record<string, FlagCheck[]>;

export type FlagRuleId = keyof typeof FLAG_CHECKS;

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Seconds of a Go duration (`1h30m`, `90s`, `0`), undefined when it is not one. */
export function durationSeconds(value: string): number | undefined {
  const v = value.trim();
  if (/^0+$/.test(v)) return 0;
  if (!/^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/.test(v)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/**
 * What is wrong with `value` (undefined: unset with nothing implied), in words that follow
 * "<component> <setting> …", or undefined when the check passes.
 */
export function flagProblem(expect: Expectation, value: string | undefined): string | undefined {
  if ('set' in expect) return value ? undefined : 'is not set';
  if ('unset' in expect) return value === undefined ? undefined : 'is set';
  if (value === undefined) return undefined;
  if ('is' in expect) return value.toLowerCase() === expect.is.toLowerCase() ? undefined : `is ${value || '""'}, not ${expect.is}`;
  if ('not' in expect) return value.toLowerCase() === expect.not.toLowerCase() ? `is ${value}` : undefined;
  if ('includes' in expect) return listOf(value).includes(expect.includes) ? undefined : `does not include ${expect.includes}`;
  if ('excludes' in expect) return listOf(value).includes(expect.excludes) ? `includes ${expect.excludes}` : undefined;
  if ('atLeast' in expect) return Number(value) >= expect.atLeast ? undefined : `is ${value || '""'}, below ${expect.atLeast}`;
  if ('within' in expect) {
    const weak = listOf(value).filter((v) => !expect.within.includes(v));
    return weak.length ? `allows ${weak.join(', ')}` : undefined;
  }
  const seconds = durationSeconds(value);
  if (seconds === undefined) return `is ${value}, not a duration`;
  if (seconds === 0) return 'is 0 (no timeout)';
  return seconds > expect.duration.max ? `is ${value}, over ${expect.duration.max / 3600}h` : undefined;
}

/**
 * The value a fix writes for a failed check when one value is right for every cluster; '' when the
 * fix removes the setting (nothing acceptable is left in the list, or it must not be set at all).
 */
export function fixedValue(expect: Expectation, value: string | undefined): string | undefined {
  if ('is' in expect) return expect.is;
  if ('unset' in expect) return '';
  if ('includes' in expect) return [...listOf(value ?? '').filter((v) => v !== 'AlwaysAllow'), expect.includes].join(',');
  if ('excludes' in expect)
    return listOf(value ?? '')
      .filter((v) => v !== expect.excludes)
      .join(',');
  if ('within' in expect)
    return listOf(value ?? '')
      .filter((v) => expect.within.includes(v))
      .join(',');
  if ('atLeast' in expect) return String(expect.atLeast);
  return undefined;
}
