// Cluster configuration rules (the control plane's own files: static pods, kubeadm, KubeletConfiguration,
// EncryptionConfiguration, audit Policy), KC001-KC099, in id order.
import type { Rule } from '../../rule';
import clusterAnonymousAuth from './cluster-anonymous-auth';
import clusterAuthorizationMode from './cluster-authorization-mode';
import clusterInsecurePort from './cluster-insecure-port';
import clusterStaticCredentials from './cluster-static-credentials';
import clusterApiTls from './cluster-api-tls';
import clusterEtcdTls from './cluster-etcd-tls';
import clusterAdmissionPlugins from './cluster-admission-plugins';
import clusterProfiling from './cluster-profiling';
import clusterAuditLog from './cluster-audit-log';
import clusterEncryptionAtRest from './cluster-encryption-at-rest';
import clusterServiceAccountCredentials from './cluster-service-account-credentials';
import clusterBindAddress from './cluster-bind-address';
import clusterCertRotation from './cluster-cert-rotation';
import clusterWeakTls from './cluster-weak-tls';
import clusterTimeouts from './cluster-timeouts';
import kubeletHostProtection from './kubelet-host-protection';
import encryptionConfigProviders from './encryption-config-providers';
import encryptionConfigKey from './encryption-config-key';
import auditPolicyCoverage from './audit-policy-coverage';

export const CLUSTER_RULES: Rule<'kubernetes'>[] = [
  clusterAnonymousAuth,
  clusterAuthorizationMode,
  clusterInsecurePort,
  clusterStaticCredentials,
  clusterApiTls,
  clusterEtcdTls,
  clusterAdmissionPlugins,
  clusterProfiling,
  clusterAuditLog,
  clusterEncryptionAtRest,
  clusterServiceAccountCredentials,
  clusterBindAddress,
  clusterCertRotation,
  clusterWeakTls,
  clusterTimeouts,
  kubeletHostProtection,
  encryptionConfigProviders,
  encryptionConfigKey,
  auditPolicyCoverage,
];
