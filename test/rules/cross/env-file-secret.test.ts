import rule from '../../../server/src/engine/rules/cross/env-file-secret';
import { envFileEntries } from '../../../server/src/engine/rules/cross/env-file-secret';
import { ruleTester } from '../../harness/ruleTester';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

// Token-shaped values are assembled at run time so the repository holds no secret-looking literal.
const stripeLike = ['sk', 'live', 'a1B2c3D4e5F6g7H8i9J0k1L2'].join('_');

const envs = {
  'db.env': '# database\nPOSTGRES_USER=app\nexport POSTGRES_PASSWORD="changeme"\n',
  'pay.env': `STRIPE_KEY=${stripeLike}\nLOG_LEVEL=debug\n`,
  'safe.env': 'POSTGRES_PASSWORD_FILE=/run/secrets/db\nAPI_TOKEN=${API_TOKEN}\nSECRET_KEY=\nDEBUG=false\n',
};

test('env file lines are read as Compose reads them', () => {
  assert.deepEqual(
    envFileEntries('# c\nexport A=1\nB = "two # not a comment"\nC=three # comment\n\nbad line\n').map((e) => [e.name, e.value, e.line]),
    [
      ['A', '1', 1],
      ['B', 'two # not a comment', 2],
      ['C', 'three', 3],
    ],
  );
});

ruleTester(rule, {
  valid: [
    { name: 'placeholders, *_FILE, variable references', code: 'services:\n  db:\n    image: postgres:16\n    env_file: safe.env\n', workspace: envs },
    { name: 'missing env file', code: 'services:\n  db:\n    image: postgres:16\n    env_file: nope.env\n', workspace: envs },
    { name: 'no workspace', code: 'services:\n  db:\n    image: postgres:16\n    env_file: db.env\n' },
  ],
  invalid: [
    {
      name: 'weak password, string form',
      code: 'services:\n  db:\n    image: postgres:16\n    env_file: «db.env»\n',
      workspace: envs,
      errors: [{ messageId: 'secrets', data: { file: 'db.env', names: 'POSTGRES_PASSWORD (line 3)' } }],
    },
    {
      name: 'in a Git repository that does not ignore it: the fix creates .gitignore',
      code: 'services:\n  db:\n    image: postgres:16\n    env_file: «db.env»\n',
      workspace: { ...envs, '.git/HEAD': 'ref: refs/heads/main\n' },
      errors: [{ messageId: 'tracked', data: { file: 'db.env' } }],
      fileOutput: { '.gitignore': '/db.env\n' },
    },
    {
      name: 'a deeper .gitignore re-includes it; the fix appends to that one, which has the last word',
      code: 'services:\n  db:\n    image: postgres:16\n    env_file: «config/db.env»\n',
      workspace: { 'config/db.env': envs['db.env'], 'config/.gitignore': '!db.env\n', '.gitignore': 'node_modules\n*.env', '.git/HEAD': 'ref\n' },
      errors: [{ messageId: 'tracked', data: { file: 'config/db.env' } }],
      fileOutput: { 'config/.gitignore': '!db.env\n/db.env\n' },
    },
    {
      name: 'list and long forms, shared entry reported once',
      code: 'x-env: &env\n  env_file:\n    - «pay.env»\n    - path: «./db.env»\n      required: false\nservices:\n  a:\n    image: x:1\n    <<: *env\n  b:\n    image: x:1\n    <<: *env\n',
      workspace: envs,
      errors: [
        { messageId: 'secrets', data: { file: 'pay.env', names: 'STRIPE_KEY (line 1)' } },
        { messageId: 'secrets', data: { file: './db.env' } },
      ],
    },
  ],
});
