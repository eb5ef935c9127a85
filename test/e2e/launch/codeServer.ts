// The offline editor-test launcher used by `npm test` and CI: VS Code served by code-server, driven by
// Debian's Chromium through playwright-core. Runs the extension-host suite (test/e2e/suite) through
// the workbench URL payload, then a UI test of what a person sees, and prints "N passed, N failed".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { readSuiteResult, RESULTS_ENV, summaryLine, type SuiteResult } from '../results';
import { EXTENSION_ROOT as REPO, FIXTURE_WORKSPACE, SUITE_ENTRY } from './paths';
import { CHROMIUM, CODE_SERVER_BIN as BIN, CODE_SERVER_PREFIX as PREFIX, CODE_SERVER_VERSION, missingPrerequisites } from './prerequisites';
const SUITE_TIMEOUT_MS = 240_000;

export interface Check {
  name: string;
  ok: boolean;
  error?: string;
}

export function log(msg: string): void {
  process.stdout.write(`[e2e] ${msg}\n`);
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** Installs code-server into .e2e/ once (E2E.md): ripgrep's download is pre-seeded from Debian's rg. */
export function ensureCodeServer(): void {
  if (fs.existsSync(BIN)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg']).stdout.toString().trim();
  if (!rg) throw new Error('ripgrep is missing: apt-get install ripgrep (see .ci/run)');
  const cache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!fs.existsSync(tarball)) {
    const seed = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seed-'));
    fs.copyFileSync(rg, path.join(seed, 'rg'));
    fs.mkdirSync(cache, { recursive: true });
    run('tar', ['-czf', tarball, '-C', seed, 'rg']);
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into .e2e/ (one time)`);
  run('npm', ['install', '--prefix', PREFIX, `code-server@${CODE_SERVER_VERSION}`, '--foreground-scripts', '--no-audit', '--no-fund'], {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function waitForHttp(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250)); // polling a port that is not open yet: no event to wait on
  }
  throw new Error(`code-server did not answer at ${url}`);
}

export interface Profile {
  env: NodeJS.ProcessEnv;
  args: string[];
  browserDir: string;
  resultsFile: string;
}

/** A fresh code-server profile under `tmp` (E2E.md): own config, data, cache and extensions, trust off. */
export function freshProfile(tmp: string, userSettings: Record<string, unknown> = {}): Profile {
  const dirs = { data: path.join(tmp, 'data'), ext: path.join(tmp, 'extensions'), config: path.join(tmp, 'config'), cache: path.join(tmp, 'cache'), browser: path.join(tmp, 'browser') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.data, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'editor.hover.delay': 100,
      // The web workbench saves edits after a second by default (desktop VS Code does not): a test's
      // edit would reach the fixture on disk, and its revert would then restore the edited file.
      'files.autoSave': 'off',
      ...userSettings,
    }),
  );
  const configFile = path.join(dirs.config, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const resultsFile = path.join(tmp, 'suite.json');
  return {
    env: { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache, [RESULTS_ENV]: resultsFile },
    args: ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext, '--config', configFile],
    browserDir: dirs.browser,
    resultsFile,
  };
}

/** Stops code-server and everything it started (its own process group), forcibly if it lingers. */
/** Packages the extension with vsce and installs the .vsix into the profile. */
export function installPackaged(tmp: string, profile: Profile): void {
  const vsix = path.join(tmp, 'bulkhead.vsix');
  run(path.join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix]);
  run(BIN, [...profile.args, '--install-extension', vsix], profile.env);
}

/** Starts code-server on a free port with the profile (in its own process group: stop() ends it all). */
export async function startCodeServer(profile: Profile): Promise<{ server: ChildProcess; base: string; serverLog: string[] }> {
  const port = await freePort();
  const server = spawn(
    BIN,
    [...profile.args, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    { env: profile.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const serverLog: string[] = [];
  server.stdout!.on('data', (b) => serverLog.push(String(b)));
  server.stderr!.on('data', (b) => serverLog.push(String(b)));
  return { server, base: `http://127.0.0.1:${port}`, serverLog };
}

/** Chromium, headless, with the profile's own browser directory (E2E.md). */
export function openBrowser(profile: Profile): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile.browserDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  process.kill(-server.pid!, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-server.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function runAll(tmp: string): Promise<Check[]> {
  const profile = freshProfile(tmp);
  // The packaged .vsix is what users install: the UI test runs it; the suite runs the development copy.
  installPackaged(tmp, profile);

  // Two copies of the workspace: the suite and the UI test each edit their own.
  const suiteWs = path.join(tmp, 'suite-ws');
  const uiWs = path.join(tmp, 'ui-ws');
  fs.cpSync(FIXTURE_WORKSPACE, suiteWs, { recursive: true });
  fs.cpSync(FIXTURE_WORKSPACE, uiWs, { recursive: true });

  return withWorkbench(profile, 'e2e run', async (context, base, checks) => {
    const suite = await runSuite(context, base, suiteWs, profile.resultsFile);
    for (const title of suite.passes) checks.push({ name: title, ok: true });
    for (const f of suite.failures) checks.push({ name: f.title, ok: false, error: f.error });
    checks.push(...(await uiTest(context, base, uiWs)));
  });
}

/**
 * Starts code-server on `profile` and Chromium, lets `run` add its checks, and always stops both. What
 * `run` checked before a failure is kept; the failure itself is a failed check named `name`.
 */
export async function withWorkbench(profile: Profile, name: string, run: (context: BrowserContext, base: string, checks: Check[]) => Promise<void>): Promise<Check[]> {
  const { server, base, serverLog } = await startCodeServer(profile);
  let context: BrowserContext | undefined;
  const checks: Check[] = [];
  try {
    await waitForHttp(`${base}/healthz`, server);
    context = await openBrowser(profile);
    await run(context, base, checks);
  } catch (e) {
    checks.push({ name, ok: false, error: (e as Error).stack ?? String(e) });
    log(`code-server log:\n${serverLog.join('').slice(-4000)}`);
  } finally {
    await context?.close().catch(() => undefined);
    await stop(server);
  }
  return checks;
}

/** A launcher's whole run: prerequisites checked, code-server installed, `runAll` in a temporary folder removed after; the exit code. */
export async function launch(prefix: string, runAll: (tmp: string) => Promise<Check[]>): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length) throw new Error(`missing: ${missing.join('; ')}`);
  ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let checks: Check[];
  try {
    checks = await runAll(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return printChecks(checks);
}

/** Prints each check and the summary line CI counts; the exit code (0 only when some ran and none failed). */
export function printChecks(checks: Check[]): number {
  for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.error ? `\n${c.error}` : ''}`);
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  process.stdout.write(`${summaryLine(passed, failed)}\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** The extension-host suite, started through the workbench URL payload (code-server's CLI rejects the flags). */
async function runSuite(context: BrowserContext, base: string, workspace: string, resultsFile: string): Promise<SuiteResult> {
  const page = await context.newPage();
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  // The workbench forwards its log (the extension host's console included) as (level, message).
  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
    if (level !== 'trace' && level !== 'debug') process.stdout.write(`[suite:${level}] ${String(message)}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  const host = new URL(base).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
    ['extensionTestsPath', `vscode-remote://${host}${SUITE_ENTRY}`],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('the editor suite did not finish in time')), SUITE_TIMEOUT_MS))]);
  await page.close();
  const result = readSuiteResult(resultsFile);
  if (!result) throw new Error(`the editor suite exited with ${code} without results`);
  log(`editor suite: ${result.passed} passed, ${result.failed} failed (exit ${code})`);
  return result;
}

/** DF006's message for the fixture Dockerfile, as the Problems panel lists it. */
const PROBLEM = 'ADD copies local files here; use COPY.';

/** The flagged word itself: the squiggle sits under the text layer, and the lightbulb needs the cursor inside the range. */
const addKeyword = (page: Page) => page.locator('.monaco-editor .view-line').filter({ hasText: 'ADD app.py' }).locator('span', { hasText: /^ADD$/ }).first();

/** What a person sees: squiggle, Problems entry, hover text, lightbulb fix applied; saves a screenshot. */
async function uiTest(context: BrowserContext, base: string, workspace: string): Promise<Check[]> {
  const checks: Check[] = [];
  // Steps build on each other: the first failure is recorded and ends the test.
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      checks.push({ name: `ui: ${name}`, ok: true });
    } catch (e) {
      throw Object.assign(new Error((e as Error).message), { step: name });
    }
  };
  const page: Page = await context.newPage();
  const shots = path.join(REPO, 'test-results');
  fs.mkdirSync(shots, { recursive: true });
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await step('opens the Dockerfile and shows a squiggle', async () => {
      await page.keyboard.press('Control+P');
      await page.keyboard.type('app/Dockerfile');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    });
    await step('the status bar counts the findings in the active file', async () => {
      await page
        .locator('.statusbar-item')
        .filter({ hasText: /^\s*\d+ findings?\s*$/ })
        .first()
        .waitFor({ timeout: 20_000 });
    });
    await step('lists the finding in the Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText(PROBLEM).first().waitFor();
    });
    await step('hover shows the rule, the threat and the fix', async () => {
      await addKeyword(page).hover();
      // The diagnostic's line shows first; the server's explanation follows once the provider answers.
      const hover = page.locator('.monaco-hover').filter({ hasText: 'DF006 · ADD used for local files' }).first();
      await hover.waitFor({ timeout: 20_000 });
      const text = await hover.innerText();
      if (!/Threat:/.test(text) || !/Fix:/.test(text)) throw new Error(`hover text: ${text}`);
      await page.screenshot({ path: path.join(shots, 'ui.png') });
      if (process.env.BULKHEAD_UPDATE_SCREENSHOT === '1') fs.copyFileSync(path.join(shots, 'ui.png'), path.join(REPO, 'images', 'screenshot.png'));
      await readmeImage(page, hover, 'hover.png');
    });
    await step('the lightbulb fix replaces ADD with COPY and the squiggle goes away', async () => {
      await page.keyboard.press('Escape');
      await addKeyword(page).click();
      // A preferred (safe) fix shows the auto-fix lightbulb in the gutter: click it like a person.
      await page.locator('.monaco-editor .glyph-margin-widgets .codicon-gutter-lightbulb-auto-fix').first().click({ timeout: 20_000 });
      const fix = page.locator('.action-widget').getByText('Replace ADD with COPY', { exact: true });
      await fix.waitFor({ timeout: 20_000 });
      // The menu lays a pointer block over itself until the mouse moves: move onto the entry, then click.
      const box = (await fix.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await fix.click();
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'COPY app.py /app/' }).first().waitFor();
      await page.locator('.monaco-editor .squiggly-warning').waitFor({ state: 'detached', timeout: 30_000 });
      await page.locator('.markers-panel').getByText(PROBLEM).waitFor({ state: 'detached' });
      await page.screenshot({ path: path.join(shots, 'ui-fixed.png') });
    });
    await step("the rule picker finds a rule by a peer tool's id and opens its rendered page", async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('Bulkhead: Show Rule Documentation');
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Show Rule Documentation' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').filter({ hasText: 'Bulkhead: Show Rule Documentation' }).waitFor();
      await page.keyboard.type('DL3020'); // hadolint's id for DF006
      // The exact peer id ranks its rule first (fuzzy matching may list others below it).
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.filter({ hasText: 'DF006' }).waitFor();
      await readmeImage(page, page.locator('.quick-input-widget'), 'rule-picker.png');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab').filter({ hasText: 'DF006' }).first().waitFor({ timeout: 20_000 });
    });
  } catch (e) {
    const failedStep = (e as { step?: string }).step ?? 'the workbench loads';
    checks.push({ name: `ui: ${failedStep}`, ok: false, error: (e as Error).message });
    await page.screenshot({ path: path.join(shots, 'ui-failure.png') }).catch(() => undefined);
  } finally {
    await page.close();
  }
  return checks;
}

/**
 * With BULKHEAD_UPDATE_SCREENSHOT=1, saves `what` and a margin of the editor around it as docs/images/`name`
 * (the README's pictures, kept small: only the region that shows the feature).
 */
async function readmeImage(page: Page, what: Locator, name: string): Promise<void> {
  if (process.env.BULKHEAD_UPDATE_SCREENSHOT !== '1') return;
  const box = await what.first().boundingBox();
  if (!box) throw new Error(`${name}: nothing to photograph`);
  const margin = 24;
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  fs.mkdirSync(path.join(REPO, 'docs', 'images'), { recursive: true });
  await page.screenshot({ path: path.join(REPO, 'docs', 'images', name), clip: { x, y, width: box.width + 2 * margin, height: box.height + 2 * margin } });
}

// The web launcher (web.ts) reuses this one's code-server helpers without running its suite.
if (require.main === module)
  launch('bulkhead-e2e-', runAll).then(
    (code) => process.exit(code),
    (e) => {
      process.stdout.write(`[e2e] ${(e as Error).stack ?? e}\n${summaryLine(0, 1)}\n`);
      process.exit(1);
    },
  );
