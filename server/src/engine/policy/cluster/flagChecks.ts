// The CIS Kubernetes Benchmark checks that a control-plane file decides, as data: one row per setting
// (component, flag or KubeletConfiguration field, what is expected, the CIS section, the peers' ids of
// the same check), grouped by the cluster rule (KC…) that reports them. Sections are numbered as in CIS
// Kubernetes Benchmark v1.10.0 (Kubernetes 1.28; v1.9.0 numbers them the same, v1.11/v1.12 only add
// 1.2.30 and 4.2.14), as kube-bench lists them (github.com/aquasecurity/kube-bench, cfg/cis-1.10); a
// check the benchmark has since dropped cites the last version that has it (`v1.6 1.2.19`, from
// kube-bench's cfg/cis-1.6, cis-1.7, cis-1.23, cis-1.24).

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
  /** The CIS Kubernetes Benchmark section (see the header); none for hardening the benchmark does not list. */
  cis?: string;
  /** The peers' ids of this very check. */
  peers?: { checkov?: string; trivy?: string };
  /** Only judged when this other flag is set (audit log rotation needs an audit log). */
  requires?: string;
}

/** The benchmark's recommendation for each section the table cites (kube-bench's `text`, without the (Automated)/(Manual) tag). */
export const CIS_TITLES: Record<string, string> = {
  '1.2.1': 'Ensure that the --anonymous-auth argument is set to false',
  '1.2.2': 'Ensure that the --token-auth-file parameter is not set',
  '1.2.4': 'Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate',
  '1.2.5': 'Ensure that the --kubelet-certificate-authority argument is set as appropriate',
  '1.2.6': 'Ensure that the --authorization-mode argument is not set to AlwaysAllow',
  '1.2.7': 'Ensure that the --authorization-mode argument includes Node',
  '1.2.8': 'Ensure that the --authorization-mode argument includes RBAC',
  '1.2.10': 'Ensure that the admission control plugin AlwaysAdmit is not set',
  '1.2.12': 'Ensure that the admission control plugin ServiceAccount is set',
  '1.2.13': 'Ensure that the admission control plugin NamespaceLifecycle is set',
  '1.2.14': 'Ensure that the admission control plugin NodeRestriction is set',
  '1.2.15': 'Ensure that the --profiling argument is set to false',
  '1.2.16': 'Ensure that the --audit-log-path argument is set',
  '1.2.17': 'Ensure that the --audit-log-maxage argument is set to 30 or as appropriate',
  '1.2.18': 'Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate',
  '1.2.19': 'Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate',
  '1.2.20': 'Ensure that the --request-timeout argument is set as appropriate',
  '1.2.21': 'Ensure that the --service-account-lookup argument is set to true',
  '1.2.22': 'Ensure that the --service-account-key-file argument is set as appropriate',
  '1.2.23': 'Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate',
  '1.2.24': 'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate',
  '1.2.25': 'Ensure that the --client-ca-file argument is set as appropriate',
  '1.2.26': 'Ensure that the --etcd-cafile argument is set as appropriate',
  '1.2.27': 'Ensure that the --encryption-provider-config argument is set as appropriate',
  '1.2.29': 'Ensure that the API Server only makes use of Strong Cryptographic Ciphers',
  '1.3.2': 'Ensure that the --profiling argument is set to false',
  '1.3.3': 'Ensure that the --use-service-account-credentials argument is set to true',
  '1.3.4': 'Ensure that the --service-account-private-key-file argument is set as appropriate',
  '1.3.5': 'Ensure that the --root-ca-file argument is set as appropriate',
  '1.3.6': 'Ensure that the RotateKubeletServerCertificate argument is set to true',
  '1.3.7': 'Ensure that the --bind-address argument is set to 127.0.0.1',
  '1.4.1': 'Ensure that the --profiling argument is set to false',
  '1.4.2': 'Ensure that the --bind-address argument is set to 127.0.0.1',
  '2.1': 'Ensure that the --cert-file and --key-file arguments are set as appropriate',
  '2.2': 'Ensure that the --client-cert-auth argument is set to true',
  '2.3': 'Ensure that the --auto-tls argument is not set to true',
  '2.4': 'Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate',
  '2.5': 'Ensure that the --peer-client-cert-auth argument is set to true',
  '2.6': 'Ensure that the --peer-auto-tls argument is not set to true',
  '3.2.1': 'Ensure that a minimal audit policy is created',
  '4.2.1': 'Ensure that the --anonymous-auth argument is set to false',
  '4.2.2': 'Ensure that the --authorization-mode argument is not set to AlwaysAllow',
  '4.2.3': 'Ensure that the --client-ca-file argument is set as appropriate',
  '4.2.4': 'Verify that the --read-only-port argument is set to 0',
  '4.2.5': 'Ensure that the --streaming-connection-idle-timeout argument is not set to 0',
  '4.2.6': 'Ensure that the --make-iptables-util-chains argument is set to true',
  '4.2.7': 'Ensure that the --hostname-override argument is not set',
  '4.2.10': 'Ensure that the --rotate-certificates argument is not set to false',
  '4.2.11': 'Verify that the RotateKubeletServerCertificate argument is set to true',
  '4.2.12': 'Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers',
  'v1.6 1.2.2': 'Ensure that the --basic-auth-file argument is not set',
  'v1.6 1.2.18': 'Ensure that the --insecure-bind-address argument is not set',
  'v1.6 1.2.19': 'Ensure that the --insecure-port argument is set to 0',
  'v1.7 1.2.16': 'Ensure that the --secure-port argument is not set to 0',
  'v1.23 1.2.4': 'Ensure that the --kubelet-https argument is set to true',
  'v1.24 4.2.6': 'Ensure that the --protect-kernel-defaults argument is set to true',
};

/**
 * A row's name as findings and peer aliases carry it: the component and the setting, and for a list the
 * item it judges, since one list holds several checks (`kube-apiserver --authorization-mode includes Node`,
 * `kubelet featureGates.RotateKubeletServerCertificate`).
 */
export function checkName(check: FlagCheck): string {
  const item = 'includes' in check.expect ? ` includes ${check.expect.includes}` : 'excludes' in check.expect ? ` excludes ${check.expect.excludes}` : '';
  return `${check.component} ${check.flag ? `--${check.flag}` : check.field?.path}${item}`;
}

/** Cipher suites the CIS benchmark accepts (1.2.29, 4.2.12): ECDHE with AES-GCM or ChaCha20, plus the TLS 1.3 suites. */
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

/**
 * The peers' ids for one check. Checkov and Trivy each split the benchmark one check per id, so an id
 * names the rows it decides, never a whole rule (a fixture setting one flag must not fail on its siblings).
 */
const p = (checkov: string | undefined, trivy?: string): FlagCheck['peers'] => ({ ...(checkov ? { checkov: `CKV_K8S_${checkov}` } : {}), ...(trivy ? { trivy: `AVD-KCV-${trivy}` } : {}) });

/** Every check, by the rule that reports it. */
export const FLAG_CHECKS = {
  KC001: [
    { component: API, flag: 'anonymous-auth', expect: { is: 'false' }, default: 'true', cis: '1.2.1', peers: p('68', '0001') },
    {
      component: 'kubelet',
      flag: 'anonymous-auth',
      default: 'true',
      field: { path: 'authentication.anonymous.enabled', default: 'false' },
      expect: { is: 'false' },
      cis: '4.2.1',
      peers: p('138', '0079'),
    },
  ],
  KC002: [
    { component: API, flag: 'authorization-mode', expect: { excludes: 'AlwaysAllow' }, default: 'AlwaysAllow', cis: '1.2.6', peers: p('74', '0007') },
    { component: API, flag: 'authorization-mode', expect: { includes: 'Node' }, default: 'AlwaysAllow', cis: '1.2.7', peers: p('75', '0008') },
    { component: API, flag: 'authorization-mode', expect: { includes: 'RBAC' }, default: 'AlwaysAllow', cis: '1.2.8', peers: p('77', '0009') },
    {
      component: 'kubelet',
      flag: 'authorization-mode',
      default: 'AlwaysAllow',
      field: { path: 'authorization.mode', default: 'Webhook' },
      expect: { not: 'AlwaysAllow' },
      cis: '4.2.2',
      peers: p('139', '0080'),
    },
  ],
  KC003: [
    { component: API, flag: 'insecure-port', expect: { is: '0' }, cis: 'v1.6 1.2.19', peers: p('88') },
    { component: API, flag: 'insecure-bind-address', expect: { unset: true }, cis: 'v1.6 1.2.18', peers: p('86') },
    { component: API, flag: 'secure-port', expect: { not: '0' }, cis: 'v1.7 1.2.16', peers: p('89', '0017') },
    { component: 'kubelet', flag: 'read-only-port', default: '10255', field: { path: 'readOnlyPort', default: '0' }, expect: { is: '0' }, cis: '4.2.4', peers: p('141', '0082') },
  ],
  KC004: [
    { component: API, flag: 'token-auth-file', expect: { unset: true }, cis: '1.2.2', peers: p('70', '0002') },
    { component: API, flag: 'basic-auth-file', expect: { unset: true }, cis: 'v1.6 1.2.2', peers: p('69') },
  ],
  KC005: [
    { component: API, flag: 'tls-cert-file', expect: { set: true }, cis: '1.2.24', peers: p('100', '0027') },
    { component: API, flag: 'tls-private-key-file', expect: { set: true }, cis: '1.2.24', peers: p('100', '0027') },
    { component: API, flag: 'client-ca-file', expect: { set: true }, cis: '1.2.25', peers: p(undefined, '0028') },
    { component: API, flag: 'kubelet-client-certificate', expect: { set: true }, cis: '1.2.4', peers: p('72', '0005') },
    { component: API, flag: 'kubelet-client-key', expect: { set: true }, cis: '1.2.4', peers: p('72', '0005') },
    { component: API, flag: 'kubelet-certificate-authority', expect: { set: true }, cis: '1.2.5', peers: p('73', '0006') },
    { component: API, flag: 'kubelet-https', expect: { is: 'true' }, default: 'true', cis: 'v1.23 1.2.4', peers: p('71', '0004') },
    { component: API, flag: 'etcd-certfile', expect: { set: true }, cis: '1.2.23', peers: p('99', '0026') },
    { component: API, flag: 'etcd-keyfile', expect: { set: true }, cis: '1.2.23', peers: p('99', '0026') },
    { component: API, flag: 'etcd-cafile', expect: { set: true }, cis: '1.2.26', peers: p('102', '0029') },
    { component: 'kubelet', flag: 'client-ca-file', field: { path: 'authentication.x509.clientCAFile' }, expect: { set: true }, cis: '4.2.3', peers: p('140', '0081') },
  ],
  KC006: [
    { component: 'etcd', flag: 'cert-file', expect: { set: true }, cis: '2.1', peers: p('116', '0042') },
    { component: 'etcd', flag: 'key-file', expect: { set: true }, cis: '2.1', peers: p('116', '0042') },
    { component: 'etcd', flag: 'client-cert-auth', expect: { is: 'true' }, default: 'false', cis: '2.2', peers: p('117', '0043') },
    { component: 'etcd', flag: 'auto-tls', expect: { is: 'false' }, default: 'false', cis: '2.3', peers: p('118', '0044') },
    { component: 'etcd', flag: 'peer-cert-file', expect: { set: true }, cis: '2.4', peers: p('119', '0045') },
    { component: 'etcd', flag: 'peer-key-file', expect: { set: true }, cis: '2.4', peers: p('119', '0045') },
    { component: 'etcd', flag: 'peer-client-cert-auth', expect: { is: 'true' }, default: 'false', cis: '2.5', peers: p('121', '0046') },
    { component: 'etcd', flag: 'peer-auto-tls', expect: { is: 'false' }, default: 'false', cis: '2.6', peers: p(undefined, '0047') },
  ],
  KC007: [
    { component: API, flag: 'enable-admission-plugins', expect: { includes: 'NodeRestriction' }, default: '', cis: '1.2.14', peers: p('85', '0016') },
    { component: API, flag: 'enable-admission-plugins', expect: { excludes: 'AlwaysAdmit' }, cis: '1.2.10', peers: p('79', '0011') },
    { component: API, flag: 'disable-admission-plugins', expect: { excludes: 'ServiceAccount' }, cis: '1.2.12', peers: p('82', '0014') },
    { component: API, flag: 'disable-admission-plugins', expect: { excludes: 'NamespaceLifecycle' }, cis: '1.2.13', peers: p('83', '0015') },
  ],
  KC008: [
    { component: API, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.2.15', peers: p('90', '0018') },
    { component: CM, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.3.2', peers: p('107', '0034') },
    { component: SCHED, flag: 'profiling', expect: { is: 'false' }, default: 'true', cis: '1.4.1', peers: p('114', '0040') },
  ],
  KC009: [
    { component: API, flag: 'audit-log-path', expect: { set: true }, cis: '1.2.16', peers: p('91', '0019') },
    { component: API, flag: 'audit-policy-file', expect: { set: true }, cis: '3.2.1', requires: 'audit-log-path' },
    { component: API, flag: 'audit-log-maxage', expect: { atLeast: 30 }, default: '0', cis: '1.2.17', requires: 'audit-log-path', peers: p('92', '0020') },
    { component: API, flag: 'audit-log-maxbackup', expect: { atLeast: 10 }, default: '0', cis: '1.2.18', requires: 'audit-log-path', peers: p('93', '0021') },
    { component: API, flag: 'audit-log-maxsize', expect: { atLeast: 100 }, default: '0', cis: '1.2.19', requires: 'audit-log-path', peers: p('94', '0022') },
  ],
  KC010: [{ component: API, flag: 'encryption-provider-config', expect: { set: true }, cis: '1.2.27', peers: p('104', '0030') }],
  KC011: [
    { component: API, flag: 'service-account-lookup', expect: { is: 'true' }, default: 'true', cis: '1.2.21', peers: p('96', '0024') },
    { component: API, flag: 'service-account-key-file', expect: { set: true }, cis: '1.2.22', peers: p('97', '0025') },
    { component: CM, flag: 'use-service-account-credentials', expect: { is: 'true' }, default: 'false', cis: '1.3.3', peers: p('108', '0035') },
    { component: CM, flag: 'service-account-private-key-file', expect: { set: true }, cis: '1.3.4', peers: p('110', '0036') },
    { component: CM, flag: 'root-ca-file', expect: { set: true }, cis: '1.3.5', peers: p('111', '0037') },
  ],
  KC012: [
    { component: CM, flag: 'bind-address', expect: { is: '127.0.0.1' }, default: '0.0.0.0', cis: '1.3.7', peers: p('113', '0039') },
    { component: SCHED, flag: 'bind-address', expect: { is: '127.0.0.1' }, default: '0.0.0.0', cis: '1.4.2', peers: p('115', '0041') },
    // kind's own setting (no CIS section): where the host publishes the API server, 127.0.0.1 unless set.
    { component: API, field: { path: 'networking.apiServerAddress', default: '127.0.0.1' }, expect: { not: '0.0.0.0' } },
  ],
  KC013: [
    { component: CM, flag: 'feature-gates', expect: { excludes: 'RotateKubeletServerCertificate=false' }, cis: '1.3.6', peers: p('112', '0038') },
    { component: 'kubelet', flag: 'rotate-certificates', default: 'false', field: { path: 'rotateCertificates', default: 'false' }, expect: { is: 'true' }, cis: '4.2.10', peers: p('149', '0090') },
    { component: 'kubelet', flag: 'feature-gates', expect: { excludes: 'RotateKubeletServerCertificate=false' }, cis: '4.2.11', peers: p('112', '0091') },
    { component: 'kubelet', field: { path: 'featureGates.RotateKubeletServerCertificate' }, expect: { not: 'false' }, cis: '4.2.11', peers: p('112', '0091') },
  ],
  KC014: [
    { component: API, flag: 'tls-cipher-suites', expect: { within: STRONG_CIPHERS }, cis: '1.2.29', peers: p('105') },
    { component: API, flag: 'tls-min-version', expect: { within: STRONG_TLS_VERSIONS }, cis: '1.2.29' },
    // The benchmark has no etcd cipher check; etcd serves the same secrets over the same TLS.
    { component: 'etcd', flag: 'cipher-suites', expect: { within: STRONG_CIPHERS } },
    { component: 'kubelet', flag: 'tls-cipher-suites', field: { path: 'tlsCipherSuites' }, expect: { within: STRONG_CIPHERS }, cis: '4.2.12', peers: p('151', '0092') },
    { component: 'kubelet', flag: 'tls-min-version', field: { path: 'tlsMinVersion' }, expect: { within: STRONG_TLS_VERSIONS }, cis: '4.2.12' },
  ],
  KC015: [
    { component: API, flag: 'request-timeout', expect: { duration: { max: 3600 } }, cis: '1.2.20', peers: p('95') },
    // Only the flag: in a KubeletConfiguration a zero duration means "the default" (4h), and kubeadm writes `0s`.
    { component: 'kubelet', flag: 'streaming-connection-idle-timeout', expect: { duration: { max: Infinity } }, cis: '4.2.5', peers: p('143', '0085') },
  ],
  KC016: [
    {
      component: 'kubelet',
      flag: 'protect-kernel-defaults',
      default: 'false',
      field: { path: 'protectKernelDefaults', default: 'false' },
      expect: { is: 'true' },
      cis: 'v1.24 4.2.6',
      peers: p('144', '0083'),
    },
    { component: 'kubelet', flag: 'make-iptables-util-chains', field: { path: 'makeIPTablesUtilChains', default: 'true' }, expect: { is: 'true' }, cis: '4.2.6', peers: p('145', '0084') },
    { component: 'kubelet', flag: 'hostname-override', expect: { unset: true }, cis: '4.2.7', peers: p('146', '0086') },
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
  if (!/^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|\u00b5s|ns))+$/.test(v)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|\u00b5s|ns)/g)) total += Number(m[1]) * unit[m[2]];
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
