// Shared by the browser tests: start `ecozone serve` on a free loopback port, launch Debian's chromium
// with puppeteer-core, and watch the page for requests to other hosts and for script errors.
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = '/usr/bin/chromium';
const HINT = 'run `bash scripts/test.sh` (it installs chromium and puppeteer-core into tests/browser/node_modules)';

function fail(message) {
  console.error(`browser test: FAILED: ${message}`);
  process.exit(1);
}

function args(required) {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of required) {
    if (!out[key]) fail(`missing --${key}`);
  }
  return out;
}

function puppeteer() {
  let p;
  try {
    p = require('puppeteer-core');
  } catch (e) {
    fail(`puppeteer-core is not installed in ${path.join(__dirname, 'node_modules')}: ${HINT}`);
  }
  if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: ${HINT}`);
  return p;
}

// Starts `ecozone serve ARGS… --listen 127.0.0.1:0 --json`; resolves with {child, url, log} at its ready line.
function startServer(ecozone, serveArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(ecozone, ['serve', ...serveArgs, '--listen', '127.0.0.1:0', '--json'],
                        { stdio: ['ignore', 'ignore', 'pipe'] });
    let buffered = '', ready = false;
    const timer = setTimeout(() => reject(new Error('ecozone serve did not get ready within 30 s')), 30000);
    child.on('exit', (code) => reject(new Error(`ecozone serve exited with ${code} before it was ready:\n${buffered}`)));
    child.stderr.on('data', (chunk) => {
      buffered += chunk.toString();
      if (ready) return;
      for (const line of buffered.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const url = JSON.parse(line).url;
          ready = true;
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve({ child, url, log: () => buffered });
          return;
        } catch (e) { /* a partial line: wait for the rest */ }
      }
    });
  });
}

// Chromium logs an HTTP error answer as a console error; the ones a test provokes on purpose are listed
// in `expected` (e.g. [409, 400]) and are not problems.
function watch(page, origin, expected) {
  const foreign = [], problems = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const m = /^Failed to load resource: the server responded with a status of (\d+)/.exec(msg.text());
    if (m && expected.includes(Number(m[1]))) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => { if (!isDownloadAbort(req, origin)) problems.push(`request failed: ${req.url()}`); });
  return { foreign, problems };
}

// SIGTERM ends the server cleanly (exit 0): anything else — a crash, a sanitizer's report — fails.
async function stopServer(child, exited, log) {
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: 'none within 10 s' }), 10000).unref());
  const end = await Promise.race([exited, timeout]);
  if (end.code !== 0) {
    throw new Error(`ecozone serve ended with ${end.code}${end.signal ? ' (' + end.signal + ')' : ''}:\n${log().slice(-2000)}`);
  }
}

// Runs `ecozone COMMAND PROJECT --out TMP` (what a test serves: a register, indicator evidence),
// checks it wrote `file`, calls use(tmp, path of file) and removes TMP whatever happens.
async function withCommandOutput(ecozone, command, project, file, use) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ecozone-${command}-`));
  try {
    const run = spawnSync(ecozone, [command, project, '--out', tmp], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`ecozone ${command} ended with ${run.status}:\n${run.stderr}`);
    const written = path.join(tmp, file);
    if (!fs.existsSync(written)) throw new Error(`ecozone ${command} wrote no ${written}`);
    await use(tmp, written);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Clicks what `click` clicks in the page and waits for the browser to save the download it starts:
// resolves with {name, bytes} of the file, saved into a fresh folder under `dir` (Chromium's own
// download, through CDP's Browser.setDownloadBehavior — the page's blob: link or plain link, as a user's).
let downloads = 0;
async function download(browser, dir, click, timeoutMs = 30000) {
  const into = path.join(dir, `download-${process.pid}-${++downloads}`);
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  const cdp = await browser.target().createCDPSession();
  try {
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: into, eventsEnabled: true });
    let done = null;
    const finished = new Promise((resolve) => {
      cdp.on('Browser.downloadProgress', (e) => { if (e.state === 'completed' || e.state === 'canceled') { done = e.state; resolve(); } });
    });
    await click();
    const timer = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([finished, timer]);
    if (done !== 'completed') throw new Error(`no download was completed (${done || 'none within ' + timeoutMs / 1000 + ' s'})`);
    const files = fs.readdirSync(into).filter((f) => !f.endsWith('.crdownload'));
    if (files.length !== 1) throw new Error(`the download folder holds ${files.join(', ') || 'nothing'}`);
    return { name: files[0], bytes: fs.readFileSync(path.join(into, files[0])) };
  } finally {
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' }).catch(() => {});
    await cdp.detach().catch(() => {});
  }
}

// A download through a blob: or a plain link is a navigation Chromium ends itself (net::ERR_ABORTED
// is how it reports "became a download"): not a failed request.
function isDownloadAbort(req, origin) {
  const f = req.failure();
  const u = req.url();
  return !!f && f.errorText === 'net::ERR_ABORTED' &&
         (u.startsWith(`blob:${origin}/`) || (u.startsWith(origin + "/") && /^\/api\/(patches\.(gpkg|csv|xlsx)|indicators\/files\/)/.test(u.slice(origin.length))));
}

module.exports = { CHROMIUM, fail, args, puppeteer, startServer, watch, stopServer, withCommandOutput, download, isDownloadAbort };
