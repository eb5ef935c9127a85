// Every dockerfile rule, in id order. A rule file not listed here fails the registry parity test.
import type { Rule } from '../../rule';
import requireNonRootUser from './require-non-root-user';
import pinBaseImage from './pin-base-image';
import noSecretInArgEnv from './no-secret-in-arg-env';
import noCurlPipeShell from './no-curl-pipe-shell';
import noAddRemoteUrl from './no-add-remote-url';
import preferCopyOverAdd from './prefer-copy-over-add';
import noSudo from './no-sudo';
import requireTrustedRegistry from './require-trusted-registry';
import noInsecureDownload from './no-insecure-download';
import noPackageSignatureBypass from './no-package-signature-bypass';
import noSshServer from './no-ssh-server';
import noTlsVerifyDisabled from './no-tls-verify-disabled';
import noSecretFileCopied from './no-secret-file-copied';
import noPasswordChange from './no-password-change';
import noSetuidBits from './no-setuid-bits';
import noSensitiveVolume from './no-sensitive-volume';
import noCopyWholeStage from './no-copy-whole-stage';
import requireNoInstallRecommends from './require-no-install-recommends';
import noPackageCache from './no-package-cache';
import noSecretLiteral from './no-secret-literal';
import noUpdateWithoutInstall from './no-update-without-install';
import noPackageUpgrade from './no-package-upgrade';
import preferJsonCmd from './prefer-json-cmd';
import requireNumericUser from './require-numeric-user';
import requirePipefail from './require-pipefail';
import noUndefinedFromArg from './no-undefined-from-arg';
import pinLanguagePackages from './pin-language-packages';
import noBuildToolsInFinalStage from './no-build-tools-in-final-stage';
import noSecretMountMisuse from './no-secret-mount-misuse';
import pinBaseDigest from './pin-base-digest';
import requireHealthcheck from './require-healthcheck';
import noExposeHostBinding from './no-expose-host-binding';
import pinOsPackages from './pin-os-packages';
import noAdminTools from './no-admin-tools';
import noWgetAndCurl from './no-wget-and-curl';
import noCopyChownWritable from './no-copy-chown-writable';
import noSecretInCommand from './no-secret-in-command';
import noWorldWritable from './no-world-writable';
import validExecForm from './valid-exec-form';
import noEolImage from './no-eol-image';

export const DOCKERFILE_RULES: Rule<'dockerfile'>[] = [
  requireNonRootUser,
  pinBaseImage,
  noSecretInArgEnv,
  noCurlPipeShell,
  noAddRemoteUrl,
  preferCopyOverAdd,
  noSudo,
  requireTrustedRegistry,
  noInsecureDownload,
  noPackageSignatureBypass,
  noSshServer,
  noTlsVerifyDisabled,
  noSecretFileCopied,
  noPasswordChange,
  noSetuidBits,
  noSensitiveVolume,
  noCopyWholeStage,
  requireNoInstallRecommends,
  noPackageCache,
  noSecretLiteral,
  noUpdateWithoutInstall,
  noPackageUpgrade,
  preferJsonCmd,
  requireNumericUser,
  requirePipefail,
  noUndefinedFromArg,
  pinLanguagePackages,
  noBuildToolsInFinalStage,
  noSecretMountMisuse,
  pinBaseDigest,
  requireHealthcheck,
  noExposeHostBinding,
  pinOsPackages,
  noAdminTools,
  noWgetAndCurl,
  noCopyChownWritable,
  noSecretInCommand,
  noWorldWritable,
  validExecForm,
  noEolImage,
];
