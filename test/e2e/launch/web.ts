// The web extension in a real browser: code-server serves the packaged .vsix, forced into the web-worker
// extension host (remote.extensionKind: web), so the browser entry (dist/browser.js) runs and starts the
// language server in a web worker (dist/browserServer.js). Chromium, driven through playwright-core, opens
// a Dockerfile and a Kubernetes manifest and checks what a person sees: squiggle, hover, quick fix applied.
// Prints "N passed, N failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { freshProfile, installPackaged, launch, withWorkbench, type Check } from './codeServer';
import { EXTENSION_ROOT as REPO, FIXTURE_WORKSPACE } from './paths';
import { summaryLine } from '../results';

/** The extension id, as remote.extensionKind names it. */
const EXTENSION_ID = 'bulkhead.bulkhead';
/** What the browser entry writes to the output channel once its worker answered (client/src/browser.ts). */
const WEB_ENTRY_LINE = 'Bulkhead runs as a web extension';

async function runAll(tmp: string): Promise<Check[]> {
  const profile = freshProfile(tmp, { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } });
  installPackaged(tmp, profile);
  const workspace = path.join(tmp, 'ws');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return withWorkbench(profile, 'web run', async (context, base, checks) => {
    checks.push(...(await webTest(context, base, workspace)));
  });
}

/**
 * A NetworkPolicy selecting every pod: pod.yaml's K8S069 ("selected by no NetworkPolicy") goes away only if
 * the worker read this other, never-opened file through the client.
 */
const NETWORK_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: ["Ingress", "Egress"]
`;

/** Messages as the Problems panel lists them. */
const DF006 = 'ADD copies local files here; use COPY.';
const K8S001 = 'Container "web" runs privileged: it can take over the node.';
const K8S069 = 'Pod "web" is selected by no NetworkPolicy';

async function webTest(context: BrowserContext, base: string, workspace: string): Promise<Check[]> {
  fs.writeFileSync(path.join(workspace, 'deploy', 'netpol.yaml'), NETWORK_POLICY);
  const checks: Check[] = [];
  // Steps build on each other: the first failure is recorded and ends the test.
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      checks.push({ name: `web: ${name}`, ok: true });
    } catch (e) {
      throw Object.assign(new Error((e as Error).message), { step: name });
    }
  };
  const page = await context.newPage();
  const shots = path.join(REPO, 'test-results');
  fs.mkdirSync(shots, { recursive: true });
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await step('Dockerfile: squiggle', async () => {
      await openFile(page, 'app/Dockerfile');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    });
    await step('the extension runs its browser entry, the server in a web worker', async () => {
      await runCommand(page, 'Output: Show Output Channels');
      await page.keyboard.type('Bulkhead');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-line').filter({ hasText: WEB_ENTRY_LINE }).first().waitFor({ timeout: 20_000 });
    });
    await step('Dockerfile: hover shows the rule, the threat and the fix', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText(DF006).first().waitFor();
      await hoverShows(page, wordOnLine(page, 'ADD app.py', 'ADD'), 'DF006 · ADD used for local files');
      await page.screenshot({ path: path.join(shots, 'web.png') });
      if (process.env.BULKHEAD_UPDATE_SCREENSHOT === '1') fs.copyFileSync(path.join(shots, 'web.png'), path.join(REPO, 'docs', 'images', 'web-extension.png'));
    });
    await step('Dockerfile: the quick fix replaces ADD with COPY', async () => {
      await applyFix(page, wordOnLine(page, 'ADD app.py', 'ADD'), 'Replace ADD with COPY');
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'COPY app.py /app/' }).first().waitFor();
      await page.locator('.markers-panel').getByText(DF006).waitFor({ state: 'detached', timeout: 30_000 });
    });
    await step('manifest: squiggle, and a cross-file rule sees a file read through the client', async () => {
      await openFile(page, 'deploy/pod.yaml');
      await page.locator('.markers-panel').getByText(K8S001).first().waitFor({ timeout: 60_000 });
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      // Published once the worker held every file the analysis read: the policy in netpol.yaml applies.
      const listed = await page.locator('.markers-panel').innerText();
      if (listed.includes(K8S069)) throw new Error(`K8S069 reported although deploy/netpol.yaml selects the pod:\n${listed}`);
    });
    await step('manifest: hover shows the rule', async () => {
      await hoverShows(page, wordOnLine(page, 'privileged: true', 'true'), 'K8S001');
    });
    await step('manifest: the quick fix removes privileged: true', async () => {
      await applyFix(page, wordOnLine(page, 'privileged: true', 'true'), 'Remove privileged: true (review)');
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'privileged: true' }).waitFor({ state: 'detached' });
      await page.locator('.markers-panel').getByText(K8S001).waitFor({ state: 'detached', timeout: 30_000 });
    });
  } catch (e) {
    const failedStep = (e as { step?: string }).step ?? 'the workbench loads';
    checks.push({ name: `web: ${failedStep}`, ok: false, error: (e as Error).message });
    await page.screenshot({ path: path.join(shots, 'web-failure.png') }).catch(() => undefined);
  } finally {
    await page.close();
  }
  return checks;
}

/** A word of the editor line containing `line`: hovering or clicking it puts the pointer on a finding's range. */
const wordOnLine = (page: Page, line: string, word: string) =>
  page
    .locator('.monaco-editor .view-line')
    .filter({ hasText: line })
    .locator('span', { hasText: new RegExp(`^${word}$`) })
    .first();

async function openFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(file);
  // The list first shows recently opened files: wait until the first row is the one asked for.
  await page
    .locator('.quick-input-list .monaco-list-row')
    .first()
    .filter({ hasText: path.basename(file) })
    .waitFor();
  await page.keyboard.press('Enter');
  await page
    .locator('.tab.active')
    .filter({ hasText: path.basename(file) })
    .waitFor();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function hoverShows(page: Page, target: Locator, text: string): Promise<void> {
  await target.hover();
  await page.locator('.monaco-hover').filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}

/** Opens the quick-fix menu on `target` (Ctrl+.) and applies the entry titled `title`, as a person would. */
async function applyFix(page: Page, target: Locator, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await target.click();
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget').getByText(title, { exact: true });
  await fix.waitFor({ timeout: 20_000 });
  // The menu lays a pointer block over itself until the mouse moves: move onto the entry, then click.
  const box = (await fix.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await fix.click();
}

launch('bulkhead-web-', runAll).then(
  (code) => process.exit(code),
  (e) => {
    process.stdout.write(`[web] ${(e as Error).stack ?? e}\n${summaryLine(0, 1)}\n`);
    process.exit(1);
  },
);
