import rule from '../../../server/src/engine/rules/dockerfile/no-secret-file-copied';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22\nCOPY package.json package-lock.json ./\n',
    { name: 'public keys, CA certificates and examples', code: 'FROM alpine:3.20\nCOPY id_rsa.pub ca.pem .env.example /x/\n' },
    { name: 'a signing key copied as a public key', code: 'FROM debian:12\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\nCOPY repo.key /usr/share/keyrings/repo.gpg\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nCOPY <<EOF /app/.env\nMODE=prod\nEOF\n' },
  ],
  invalid: [
    { code: 'FROM node:22\nCOPY «.npmrc» package.json ./\n', errors: [{ messageId: 'secretFile', data: { instruction: 'COPY', file: '.npmrc' } }] },
    {
      name: 'keys and env files',
      code: 'FROM alpine:3.20\nCOPY «keys/id_ed25519» «certs/server.key» «.env.production» /secrets/\n',
      errors: [{ messageId: 'secretFile' }, { messageId: 'secretFile' }, { messageId: 'secretFile' }],
    },
    {
      name: 'ADD of cloud credentials with --chown',
      code: 'FROM alpine:3.20\nADD --chown=10001 «.aws/credentials» /home/app/.aws/\n',
      errors: [{ messageId: 'secretFile', data: { instruction: 'ADD', file: '.aws/credentials' } }],
    },
    { name: 'JSON form', code: 'FROM alpine:3.20\nCOPY [«"kubeconfig"», "/root/.kube/config"]\n', errors: [{ messageId: 'secretFile', data: { instruction: 'COPY', file: 'kubeconfig' } }] },
  ],
});
