// Generated Markdown must show every word it carries: a renderer takes `<user>` for an HTML tag and
// hides it, `*x*` for emphasis, `|` for a table column. Rendered here with markdown-it (the renderer of
// VS Code's Markdown preview) with HTML allowed, as in a preview or on a forge, then read as visible text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_METAS, renderHover, type Finding, type RuleMeta } from '../../server/src/engine/index';
import { docFileName, renderRulesTable, templateText } from '../../server/src/engine/docs/render';
import { escapeMarkdown, firstSentence } from '../../server/src/engine/docs/markdown';
import { REPO_ROOT } from '../../scripts/generated';

// markdown-it ships without types; only its constructor and render are used.
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string): string };
const renderer = new MarkdownIt({ html: true });

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** What a reader sees: the rendered HTML without its tags, entities decoded, whitespace collapsed. */
function visible(markdown: string): string {
  return renderer
    .render(markdown)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e])
    .replace(/\s+/g, ' ');
}

/** A template as a reader should see it: placeholders as `<name>`, code spans without their backticks. */
const expectedText = (template: string): string =>
  template
    .replace(/\{\{(\w+)\}\}/g, '<$1>')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\s+/g, ' ');

test('every rule page shows every message template and fix title as written', () => {
  for (const meta of ALL_METAS) {
    const page = visible(fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', docFileName(meta)), 'utf8'));
    for (const message of Object.values<string>(meta.messages)) assert.ok(page.includes(expectedText(message)), `${meta.id}: "${expectedText(message)}" is not visible on its page`);
    if (meta.fix) assert.ok(page.includes(expectedText(meta.fix.title)), `${meta.id}: fix title "${expectedText(meta.fix.title)}" is not visible`);
    assert.ok(page.includes(`${meta.id} · ${meta.title}`), `${meta.id}: title`);
  }
});

test('the README rules table shows every title in its own row and column', () => {
  const table = renderRulesTable(ALL_METAS);
  const html = renderer.render(table);
  assert.equal((html.match(/<tr>/g) ?? []).length, ALL_METAS.length + 1, 'one row per rule and a header');
  for (const meta of ALL_METAS) assert.ok(visible(table).includes(` ${meta.title} `), `${meta.id}: title`);
});

test('escaping keeps hostile text visible and code spans as code', () => {
  const hostile = 'user <root> runs *all* of [x](y) | _z_ & `a <b> c` \\ #1 ` tail';
  assert.equal(visible(escapeMarkdown(hostile)).trim(), 'user <root> runs *all* of [x](y) | _z_ & a <b> c \\ #1 ` tail');
  assert.match(renderer.render(escapeMarkdown(hostile)), /<code>a &lt;b&gt; c<\/code>/);
  for (const lead of ['- item', '+ item', '# heading', '1. item', '> quote', '=']) {
    assert.equal(visible(escapeMarkdown(lead)).trim(), lead, `"${lead}" stays a line of text`);
  }
  assert.equal(templateText('USER {{user}}'), 'USER \\<user\\>');
});

function finding(meta: RuleMeta, data: Record<string, string>): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const edits = [{ range, newText: '' }];
  const fixes = meta.fix ? [{ title: `${meta.fix.title} for <${data.name}>`, applicability: meta.fix.applicability, edits }] : [];
  return { ruleId: meta.id, messageId: 'm', data, severity: meta.severity, message: `<${data.name}> *flagged*`, range, fixes };
}

test('a hover shows the fix title with hostile data as written, and a plaintext hover has no Markdown', () => {
  for (const meta of ALL_METAS) {
    const f = finding(meta, { name: 'svc*1*' });
    const md = renderHover(meta, f, { format: 'markdown', docHref: 'file:///d.md', threatModelHref: 'file:///t.md', withMessage: true });
    const shown = visible(md);
    assert.ok(shown.includes(`${meta.id} · ${meta.title}`), `${meta.id}: heading`);
    assert.ok(shown.includes('<svc*1*> *flagged*'), `${meta.id}: message`);
    if (meta.fix) assert.ok(shown.includes(`${meta.fix.title} for <svc*1*>`), `${meta.id}: fix title`);
    const plain = renderHover(meta, f, { format: 'plaintext', docHref: 'file:///d.md', withMessage: false });
    assert.doesNotMatch(plain, /\*\*|\]\(|\\[<*_]/, `${meta.id}: Markdown in a plaintext hover`);
    assert.ok(!plain.includes('flagged'), `${meta.id}: the message is repeated`);
  }
});

test('a hover\'s one line of why ends at the first sentence, not inside an "e.g."', () => {
  assert.equal(firstSentence('List the verbs it uses (audit logs show them), e.g. `get`. Then bind it.'), 'List the verbs it uses (audit logs show them), e.g. `get`.');
  assert.equal(firstSentence('One line\nwrapped. Two.\n\nOther paragraph.'), 'One line wrapped.');
});
