// The offline editor-test launcher used by `npm test` and CI: VS Code served by code-server, driven by
// Debian's Chromium through playwright-core. Runs the extension-host suite (test/e2e/suite) through
// the workbench URL payload, then a UI test of what a person sees, and prints "N passed, N failed".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { SuiteResult } from '../suite/index';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const CODE_SERVER_VERSION = '4.100.3';
const PREFIX = path.join(REPO, '.e2e', 'code-server');
const BIN = path.join(PREFIX, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.BULKHEAD_CHROMIUM ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 240_000;

interface Check { name: string; ok: boolean; error?: string }

function log(msg: string): void {
  process.stdout.write(`[e2e] ${msg}\n`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** Installs code-server into .e2e/ once (E2E.md): ripgrep's download is pre-seeded from Debian's rg. */
function ensureCodeServer(): void {
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
  run('npm', ['install', '--prefix', PREFIX, `code-server@${CODE_SERVER_VERSION}`, '--foreground-scripts', '--no-audit', '--no-fund'],
    { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHttp(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250)); // polling a port that is not open yet: no event to wait on
  }
  throw new Error(`code-server did not answer at ${url}`);
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (see .ci/run)`);
  ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-e2e-'));
  const dirs = { data: path.join(tmp, 'data'), ext: path.join(tmp, 'extensions'), config: path.join(tmp, 'config'), cache: path.join(tmp, 'cache'), browser: path.join(tmp, 'browser') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false, 'workbench.tips.enabled': false, 'editor.hover.delay': 100,
  }));
  const configFile = path.join(dirs.config, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache, BULKHEAD_E2E_RESULTS: path.join(tmp, 'suite.json') };
  const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext, '--config', configFile];

  // The packaged .vsix is what users install: the UI test runs it; the suite runs the development copy.
  const vsix = path.join(tmp, 'bulkhead.vsix');
  run(path.join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix]);
  run(BIN, [...common, '--install-extension', vsix], env);

  // Two copies of the workspace: the suite and the UI test each edit their own.
  const suiteWs = path.join(tmp, 'suite-ws');
  const uiWs = path.join(tmp, 'ui-ws');
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'workspace'), suiteWs, { recursive: true });
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'workspace'), uiWs, { recursive: true });

  const port = await freePort();
  const server = spawn(BIN, [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog: string[] = [];
  server.stdout!.on('data', (b) => serverLog.push(String(b)));
  server.stderr!.on('data', (b) => serverLog.push(String(b)));
  const base = `http://127.0.0.1:${port}`;
  let context: BrowserContext | undefined;
  const checks: Check[] = [];
  try {
    await waitForHttp(`${base}/healthz`, server);
    context = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const suite = await runSuite(context, base, suiteWs, env.BULKHEAD_E2E_RESULTS);
    for (const title of suite.passes) checks.push({ name: title, ok: true });
    for (const f of suite.failures) checks.push({ name: f.title, ok: false, error: f.error });
    checks.push(...(await uiTest(context, base, uiWs)));
  } catch (e) {
    checks.push({ name: 'e2e run', ok: false, error: (e as Error).stack ?? String(e) });
    log(`code-server log:\n${serverLog.join('').slice(-4000)}`);
  } finally {
    await context?.close().catch(() => undefined);
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.error ? `\n${c.error}` : ''}`);
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** The extension-host suite, started through the workbench URL payload (code-server's CLI rejects the flags). */
async function runSuite(context: BrowserContext, base: string, workspace: string, resultsFile: string | undefined): Promise<SuiteResult> {
  const page = await context.newPage();
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (msg: string) => process.stdout.write(`[suite] ${msg}\n`));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  const host = new URL(base).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
    ['extensionTestsPath', `vscode-remote://${host}${path.join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js')}`],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('the editor suite did not finish in time')), SUITE_TIMEOUT_MS))]);
  await page.close();
  if (!resultsFile || !fs.existsSync(resultsFile)) throw new Error(`the editor suite exited with ${code} without results`);
  const result = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult;
  log(`editor suite: ${result.passed} passed, ${result.failed} failed (exit ${code})`);
  return result;
}

/** What a person sees: squiggle, Problems entry, hover text, lightbulb fix applied; saves a screenshot. */
async function uiTest(context: BrowserContext, base: string, workspace: string): Promise<Check[]> {
  const checks: Check[] = [];
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      checks.push({ name: `ui: ${name}`, ok: true });
    } catch (e) {
      checks.push({ name: `ui: ${name}`, ok: false, error: (e as Error).message });
      throw e;
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
    await step('lists the finding in the Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText('ADD copies local files here; use COPY.').first().waitFor();
    });
    await step('hover shows the rule, the threat and the fix', async () => {
      // The squiggle sits under the text layer: hover the flagged word itself, as a person would.
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'ADD app.py' }).locator('span', { hasText: /^ADD$/ }).first().hover();
      const hover = page.locator('.monaco-hover').filter({ hasText: 'DF006' }).first();
      await hover.waitFor({ timeout: 20_000 });
      const text = await hover.innerText();
      if (!/ADD used for local files/.test(text) || !/Threat/.test(text)) throw new Error(`hover text: ${text}`);
      await page.screenshot({ path: path.join(shots, 'ui.png') });
      if (process.env.BULKHEAD_UPDATE_SCREENSHOT === '1') fs.copyFileSync(path.join(shots, 'ui.png'), path.join(REPO, 'images', 'screenshot.png'));
    });
    await step('the lightbulb fix replaces ADD with COPY and the squiggle goes away', async () => {
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'ADD app.py' }).first().click();
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget').getByText('Replace ADD with COPY', { exact: true });
      await item.waitFor({ timeout: 20_000 });
      // The preferred (safe) fix is the focused first entry: accept it the way a keyboard user does.
      await page.locator('.action-widget .focused').filter({ hasText: 'Replace ADD with COPY' }).waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-line').filter({ hasText: 'COPY app.py /app/' }).first().waitFor();
      await page.locator('.monaco-editor .squiggly-warning').waitFor({ state: 'detached', timeout: 30_000 });
      await page.screenshot({ path: path.join(shots, 'ui-fixed.png') });
    });
  } catch {
    await page.screenshot({ path: path.join(shots, 'ui-failure.png') }).catch(() => undefined);
  } finally {
    await page.close();
  }
  return checks;
}

main().then((code) => process.exit(code), (e) => {
  process.stdout.write(`[e2e] ${(e as Error).stack ?? e}\n0 passed, 1 failed\n`);
  process.exit(1);
});
