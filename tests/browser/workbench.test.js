#!/usr/bin/env node
// End-to-end test of the `ecozone serve` workbench page in Debian's chromium, driven by puppeteer-core
// (tests/CMakeLists.txt registers it as the CTest test browser.workbench).  It starts the server on
// the sample project, then in the page: draws a site in the Luoshan core zone (禁止 with its rule),
// pastes the same site as Gauss-Krüger coordinates, uploads the boundary-point file and a zipped
// shapefile, switches to English (prohibited), opens the review view of a server without a register
// (it says how to start one with --register) — and fails if the page asks any host but the server
// for anything, or the browser reports a script or Content-Security-Policy error.
//
//   node workbench.test.js --ecozone build/cli/ecozone --project sample_shapefiles/hongsibu.toml \
//        --data tests/data/sites --artifacts build/test-artifacts
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CHROMIUM = '/usr/bin/chromium';
const HINT = 'run `bash scripts/test.sh` (it installs chromium and puppeteer-core into tests/browser/node_modules)';

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['ecozone', 'project', 'data', 'artifacts']) {
    if (!out[key]) throw new Error(`missing --${key}`);
  }
  return out;
}

function fail(message) {
  console.error(`browser test: FAILED: ${message}`);
  process.exit(1);
}

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch (e) {
  fail(`puppeteer-core is not installed in ${path.join(__dirname, 'node_modules')}: ${HINT}`);
}
if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: ${HINT}`);

// A zip of files stored uncompressed: enough for GDAL's /vsizip/, no zip tool needed.
function crc32(buf) {
  if (zlib.crc32) return zlib.crc32(buf);
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function storedZip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8); local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(0, 10); central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

// Starts `ecozone serve` on a free loopback port; resolves with {child, url} at its ready line.
function startServer(opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.ecozone, ['serve', opts.project, '--listen', '127.0.0.1:0', '--json'],
                        { stdio: ['ignore', 'ignore', 'pipe'] });
    let buffered = '', ready = false;
    const timer = setTimeout(() => reject(new Error('ecozone serve did not get ready within 30 s')), 30000);
    child.on('exit', (code) => reject(new Error(`ecozone serve exited with ${code} before it was ready:\n${buffered}`)));
    child.stderr.on('data', (chunk) => {
      buffered += chunk.toString();
      if (ready) return;  // the rest is the request log, kept for a failure's message
      const lines = buffered.split('\n');
      for (const line of lines) {
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

async function main() {
  // Inside main a failure throws, so that the browser and the server are always shut down.
  const fail = (message) => { throw new Error(message); };
  const opts = args();
  fs.mkdirSync(opts.artifacts, { recursive: true });
  const started = Date.now();
  const { child, url, log } = await startServer(opts);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  const foreign = [], problems = [];
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-gpu', '--lang=zh-CN']),
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(origin + '/') && !u.startsWith('data:')) foreign.push(u);
    });
    page.on('console', (msg) => {
      // The review and indicators views ask for the register and the indicator run, which this server has
      // not: their 404s are expected (step 7).
      const noRegister = /status of 404/.test(msg.text()) && /\/api\/(patches|indicators)$/.test((msg.location() || {}).url || '');
      if (msg.type() === 'error' && !noRegister) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));

    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.waitForFunction(() => document.querySelectorAll('#layer-list li').length > 3);
    await page.screenshot({ path: path.join(opts.artifacts, 'workbench-01-layers.png') });

    // Waits for a new answer and returns the panel's text.
    async function answered() {
      await page.waitForSelector('#answer .site .verdict', { timeout: 20000 });
      return page.$eval('#answer', (e) => e.textContent);
    }
    // Leaflet animates a zoom to the answer: let it end before a screenshot.
    async function shot(name) {
      await new Promise((r) => setTimeout(r, 400));
      await page.screenshot({ path: path.join(opts.artifacts, name) });
    }
    async function clearAnswer() {
      await page.evaluate(() => { document.getElementById('answer').textContent = ''; });
    }

    // 1. Draw a polygon inside the Luoshan reserve's core zone.
    await page.select('#category', 'mining');
    await page.evaluate(() => window.ecozone.map.setView([37.315, 106.17], 14, { animate: false }));
    await clearAnswer();
    await page.click('#draw-polygon');
    const box = await (await page.$('#map')).boundingBox();
    for (const [lon, lat] of [[106.165, 37.31], [106.175, 37.31], [106.175, 37.32], [106.165, 37.32]]) {
      const p = await page.evaluate((x, y) => window.ecozone.map.latLngToContainerPoint([y, x]), lon, lat);
      await page.mouse.click(box.x + p.x, box.y + p.y);
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.click('#draw-finish');
    let text = await answered();
    if (!text.includes('禁止')) fail(`the drawn core-zone site is not 禁止: ${text.slice(0, 300)}`);
    if (!/BH-03/.test(text)) fail(`the drawn site's answer does not name rule BH-03: ${text.slice(0, 300)}`);
    await shot('workbench-02-drawn.png');

    // 1b. A line across the core zone, ended by a double-click on its last vertex.
    await clearAnswer();
    await page.click('#draw-line');
    const line = [[106.166, 37.312], [106.174, 37.318]];
    for (let i = 0; i < line.length; i++) {
      const [lon, lat] = line[i];
      const p = await page.evaluate((x, y) => window.ecozone.map.latLngToContainerPoint([y, x]), lon, lat);
      await page.mouse.click(box.x + p.x, box.y + p.y, i === line.length - 1 ? { count: 2, clickCount: 2 } : {});
      await new Promise((r) => setTimeout(r, 50));
    }
    text = await answered();
    if (!text.includes('禁止')) fail(`the line drawn in the core zone is not 禁止: ${text.slice(0, 300)}`);
    await page.evaluate(() => window.ecozone.map.setView([37.315, 106.17], 14, { animate: false }));

    // 2. The same site pasted as Gauss-Krüger X,Y with the zone prefix.
    await clearAnswer();
    await page.$eval('#coords', (e) => { e.value = ''; });
    await page.type('#coords', '4131551.42,35603278.00\n4131562.39,35604164.54\n4132672.29,35604150.74\n4132661.31,35603264.32');
    await page.click('#paste-screen');
    text = await answered();
    if (!text.includes('禁止') || !/BH-03/.test(text)) fail(`the pasted GK site is not 禁止 by BH-03: ${text.slice(0, 300)}`);
    await shot('workbench-03-pasted-gk.png');

    // 3. The sample's boundary-point file (界址点), as a PV plant.
    await clearAnswer();
    await page.select('#category', 'pv_wind');
    const upload = await page.$('#upload-file');
    await upload.uploadFile(path.join(opts.data, 'hongsibu_pv.txt'));
    await page.click('#upload-screen');
    text = await answered();
    if (!text.includes('红寺堡测试光伏地块')) fail(`the boundary-point file's parcel is not in the answer: ${text.slice(0, 300)}`);
    await shot('workbench-04-boundary-file.png');

    // 4. The sample's sites as a zipped shapefile, each with the category its file gives.
    const zipPath = path.join(opts.artifacts, 'sample-sites.zip');
    const sample = path.dirname(opts.project);
    fs.writeFileSync(zipPath, storedZip(['.shp', '.shx', '.dbf', '.prj', '.cpg'].map(
      (ext) => ['sites' + ext, fs.readFileSync(path.join(sample, 'sites' + ext))])));
    await clearAnswer();
    await page.select('#category', '');
    await upload.uploadFile(zipPath);
    await page.click('#upload-screen');
    await answered();
    const sites = await page.$$eval('#answer .site', (e) => e.length);
    if (sites !== 10) fail(`the zipped shapefile gave ${sites} sites, not the sample's 10`);
    await shot('workbench-05-zipped-shapefile.png');

    // 5. English: the labels and the verdict switch; the core-zone site is "prohibited".
    await page.click('#lang-switch');
    await page.select('#category', 'mining');
    await clearAnswer();
    await page.$eval('#coords', (e) => { e.value = ''; });
    await page.type('#coords', '106.165,37.31 106.175,37.31 106.175,37.32 106.165,37.32');
    await page.click('#paste-screen');
    text = await answered();
    if (!text.includes('prohibited')) fail(`in English the core-zone site is not 'prohibited': ${text.slice(0, 300)}`);
    const heading = await page.$eval('h1', (e) => e.textContent);
    if (heading !== 'ecozone site screening workbench') fail(`the heading is not in English: ${heading}`);
    await shot('workbench-06-english.png');

    // 6. Hostile text in a site's name stays text: no element is made from it, no script runs.
    await clearAnswer();
    await page.$eval('#site-name', (e) => { e.value = '<img src=x onerror="window.__pwned=1">'; });
    await page.click('#paste-screen');
    text = await answered();
    if (!text.includes('<img src=x onerror="window.__pwned=1">')) fail('the hostile site name is not shown as text');
    const pwned = await page.evaluate(() => window.__pwned === 1 || document.querySelectorAll('#answer img').length > 0);
    if (pwned) fail('the hostile site name became markup');

    // 7. The review view of a server started without --register says how to start one.
    await page.click('#tab-review');
    await page.waitForSelector('body[data-review="missing"]', { timeout: 10000 });
    const missing = await page.$eval('#review-missing', (e) => (e.hidden ? '' : e.textContent));
    if (!missing.includes('--register') || !missing.includes('patch register')) fail(`the review view without a register says: ${missing}`);
    await shot('workbench-07-review-without-register.png');
    // The indicators view of a server started without --indicators says how to start one.
    await page.click('#tab-indicators');
    await page.waitForSelector('body[data-indicators="missing"]', { timeout: 10000 });
    const noIndicators = await page.$eval('#ind-missing', (e) => (e.hidden ? '' : e.textContent));
    if (!noIndicators.includes('--indicators') || !noIndicators.includes('ecozone indicators')) fail(`the indicators view without a run says: ${noIndicators}`);
    await shot('workbench-08-indicators-without-run.png');
    await page.click('#tab-screen');
    if (await page.$eval('#screen-view', (e) => e.hidden)) fail('the screening view does not come back');

    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
  } finally {
    if (browser) await browser.close();
    child.kill('SIGTERM');
  }
  // SIGTERM ends the server cleanly (exit 0): anything else — a crash, a sanitizer's report — fails.
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: 'none within 10 s' }), 10000).unref());
  const end = await Promise.race([exited, timeout]);
  if (end.code !== 0) fail(`ecozone serve ended with ${end.code}${end.signal ? ' (' + end.signal + ')' : ''}:\n${log().slice(-2000)}`);
  console.log(`browser test: ok (${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${opts.artifacts})`);
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
