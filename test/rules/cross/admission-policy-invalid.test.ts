import rule from '../../../server/src/engine/rules/cross/admission-policy-invalid';
import { examplePolicy } from '../../../server/src/engine/rules/cross/admissionPolicy';
import { ruleTester } from '../../harness/ruleTester';

const withMessage = (expression: string) => examplePolicy('Deny').replace(/messageExpression: .*/, `messageExpression: ${expression}`);
const withValidation = (expression: string) => examplePolicy('Deny').replace('"object.spec.replicas <= 5"', expression);

ruleTester(rule, {
  valid: [
    { name: 'a valid policy and binding', code: examplePolicy('Deny') },
    { name: "the binding's policy is in another file", code: examplePolicy('Deny').split('---\n')[1], workspace: { 'policy.yaml': examplePolicy('Deny').split('---\n')[0] } },
    { name: "unsupported functions are XF015's", code: withValidation("\"authorizer.group('').resource('x').check('create').allowed()\"") },
    { name: 'a messageExpression of a conditional string, or of data (dyn), may return a string', code: withMessage("\"has(object.spec.replicas) ? 'too many' : 'unset'\"") },
    { name: 'a messageExpression reading data is dyn, not refused', code: withMessage('"object.metadata.name"') },
    { name: 'the top-level fields of a Deployment', code: withValidation("\"has(object.spec) && object.metadata.name != '' && object.kind == 'Deployment'\"") },
    {
      name: 'fields of a custom resource are not checked (no schema)',
      code: withValidation('"object.replicas <= 5"').replace('["apps"]', '["example.com"]').replace('["deployments"]', '["widgets"]'),
    },
    { name: 'the format and regex libraries', code: withValidation("\"!format.dns1123Label().validate(object.metadata.name).hasValue() && object.metadata.name.find('[0-9]+') == ''\"") },
  ],
  invalid: [
    {
      name: 'a syntax error, at its place in a double-quoted string',
      code: withValidation('"object.spec.replicas «<»= "'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: 'syntax error: found < but expecting end of input' } }],
    },
    {
      name: 'an undeclared variable in a block scalar, on its second line',
      code: withValidation('|\n        object.spec.replicas <=\n          «param».maxReplicas'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: "undeclared reference to 'param'" } }],
    },
    {
      name: 'an undeclared function in a messageExpression',
      code: examplePolicy('Deny').replace("'replicas must be at most 5, not ' + string(", "'replicas must be at most 5, not ' + «str»("),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].messageExpression of policy "replica-limit"', problem: "undeclared reference to function 'str'" } }],
    },
    ...[
      ['object.spec.replicas > 5', 'bool'],
      ['object.spec.replicas + 1', 'int'],
      ['object.spec.template.spec.containers.map(c, c.name)', 'list'],
      ["object.spec.template.spec.containers.all(c, c.name != '')", 'bool'],
    ].map(([expression, type]) => ({
      name: `a messageExpression returning ${type}: ${expression}`,
      code: withMessage(`"«${expression}»"`),
      errors: [
        { messageId: 'invalidExpression' as const, data: { where: 'validations[0].messageExpression of policy "replica-limit"', problem: `messageExpression must return a string, not ${type}` } },
      ],
    })),
    {
      name: "the documentation's typeChecking example: a field a Deployment does not have",
      code: withValidation('"object.«replicas» <= 5"'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: "undefined field 'replicas' of apps/deployments" } }],
    },
    {
      name: 'a field one of the selected resources lacks, inside has()',
      code: withValidation('"has(oldObject.«data»)"')
        .replace('resources: ["deployments"]', 'resources: ["deployments", "configmaps"]')
        .replace('apiGroups: ["apps"]', 'apiGroups: ["apps", ""]')
        .replace('string(object.spec.replicas)', 'string(object.«spec».replicas)'),
      errors: [
        { messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: "undefined field 'data' of apps/deployments" } },
        { messageId: 'invalidExpression', data: { where: 'validations[0].messageExpression of policy "replica-limit"', problem: "undefined field 'spec' of configmaps" } },
      ],
    },
    {
      name: 'an invalid constant pattern, refused with the policy',
      code: withValidation('"object.metadata.name.find(«\'(\'»).size() > 0"'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: 'Illegal regex: error parsing regexp: missing closing ): `(`' } }],
    },
    {
      name: 'an unknown format',
      code: withValidation('"«format.dns1123label»().validate(object.metadata.name).hasValue()"'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: "undeclared reference to function 'format.dns1123label'" } }],
    },
    {
      name: 'a binding naming no policy',
      code: examplePolicy('Deny').replace('policyName: replica-limit', 'policyName: «replica-limits»'),
      errors: [{ messageId: 'noPolicy', data: { binding: 'replica-limit-binding', policy: 'replica-limits' } }],
    },
  ],
});
