import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import type { Range } from '../../model';
import { commandsNamed, instructionsOf } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';
import { grantsOthersWrite, isSharedDir, withoutOthersWrite } from '../../policy/fileModes';

/** chmod's own options, which come before the mode. */
const CHMOD_OPTION = /^(-[RcfvH]+|--[a-z-]+(=.*)?)$/;

export default defineRule({
  meta: {
    id: 'DF038',
    name: 'no-world-writable',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'World-writable files or directories',
    severity: 'warning',
    threat: 'image-misconfiguration',
    principle: 'least-privilege',
    rationale:
      "A file or directory every user may write (`chmod 777`, `o+w`, `COPY --chmod=777`) lets any process of the container, whatever its user, replace the application's code, configuration or scripts: a foothold in one process becomes persistence and code execution as every user that runs them, and a read-only intent in the image is undone.",
    remediation:
      'Give write access to the owner (and the group, when a group of users needs it) only: `chmod 775` or `chmod 755`, `COPY --chown=10001:0 --chmod=755`. Write paths the application needs belong on a volume or in `/tmp`, not in its code. Shared scratch directories (`/tmp`) keep the sticky bit: `1777`.',
    references: [{ standard: 'cwe', id: 732 }],
    aliases: [],
    messages: {
      chmod: 'chmod {{mode}} lets every user write {{target}}.',
      copyChmod: '--chmod={{mode}} lets every user write the copied files.',
    },
    fix: { applicability: 'unsafe', title: 'Remove write access for others: {{fixed}}', review: 'other users lose write access: a process running as another user that writes there now fails' },
    examples: {
      bad: 'FROM node:22-alpine\nCOPY . /app\nRUN chmod -R 777 /app\nUSER 10001\n',
      good: 'FROM node:22-alpine\nCOPY . /app\nRUN chmod -R 755 /app\nUSER 10001\n',
    },
    since: '0.3.0',
    related: ['DF015', 'DF036'],
  },
  check({ dockerfile, src, report: reportFinding }) {
    // Octal modes are fixed in place; a symbolic one (`a+w`) can mean several things: guidance only.
    const report = (messageId: 'chmod' | 'copyChmod', data: Record<string, string>, range: Range, modeRange: Range) => {
      const fixed = withoutOthersWrite(data.mode);
      reportFinding({ messageId, data: { ...data, ...(fixed ? { fixed } : {}) }, range, ...(fixed ? { fix: [replace(modeRange, fixed)] } : {}) });
    };
    const chmods = commandsNamed(dockerfile, src, ['chmod']);
    for (let c = 0; c < chmods.length; c++) {
      const { run, command: cmd } = chmods[c];
      const rest = cmd.words.slice(commandName(cmd)!.index + 1);
      const at = rest.findIndex((w) => !CHMOD_OPTION.test(w.value));
      const mode = rest[at];
      const targets = rest.slice(at + 1).map((w) => w.value);
      if (!mode || !grantsOthersWrite(mode.value) || targets.length === 0 || targets.every(isSharedDir)) continue;
      const range = run.rangeOf(mode.start, mode.end);
      report('chmod', { mode: mode.value, target: targets.join(' ') }, range, range);
    }
    const copies = instructionsOf(dockerfile, ['COPY', 'ADD', 'ONBUILD']);
    for (let n = 0; n < copies.length; n++) {
      const ins = copies[n];
      const target = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
      if (!target || (target.keyword !== 'COPY' && target.keyword !== 'ADD')) continue;
      const flag = target.flags.find((f) => f.name === 'chmod');
      if (!flag?.value || !flag.valueRange || !grantsOthersWrite(flag.value)) continue;
      report('copyChmod', { mode: flag.value }, flag.range, flag.valueRange);
    }
  },
});
