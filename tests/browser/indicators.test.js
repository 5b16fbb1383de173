#!/usr/bin/env node
// End-to-end test of the workbench's indicators view (生态指标) and the local raster basemap in Debian's
// chromium, driven by puppeteer-core (tests/CMakeLists.txt registers it as the CTest test
// browser.indicators).  It writes the sample's indicator folder with `ecozone indicators`, serves it
// with `ecozone serve --indicators DIR --basemap RASTER`, and in the page: the basemap's tiles are asked
// of this server and come back 200 image/png, and the basemap as drawn on the map matches the server's
// tiles at points over the raster; its checkbox takes it off and back; the targets table shows the
// figures of the file's JSON; a click on a township shows its class table; the wetland choropleth's
// legend names the township without a figure; the evidence list gives each file's size and SHA-256
// (checked against the files themselves).  Then, served with --token, the tiles, the indicators and a
// download carry the token.  It fails if the page asks any host but the server for anything, or the
// browser reports a script or Content-Security-Policy error.
//
//   node indicators.test.js --ecozone build/cli/ecozone --project sample_shapefiles/hongsibu.toml \
//        --basemap sample_shapefiles/landuse_2020_30m.tif --artifacts build/test-artifacts
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const h = require('./harness');

const opts = h.args(['ecozone', 'project', 'basemap', 'artifacts']);
const puppeteer = h.puppeteer();

async function main() {
  fs.mkdirSync(opts.artifacts, { recursive: true });
  const started = Date.now();
  await h.withCommandOutput(opts.ecozone, 'indicators', opts.project, 'indicators.json',
                            (tmp, jsonFile) => check(tmp, JSON.parse(fs.readFileSync(jsonFile, 'utf8'))));
  console.log(`browser test (indicators): ok (${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${opts.artifacts})`);
}

async function check(dir, doc) {
  const fail = (message) => { throw new Error(message); };
  const { child, url, log } = await h.startServer(opts.ecozone, [opts.project, '--indicators', dir, '--basemap', opts.basemap]);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: h.CHROMIUM,
      headless: true,
      args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-gpu', '--lang=zh-CN']),
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const { foreign, problems } = h.watch(page, origin, []);
    const tiles = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/basemap/')) {
        tiles.push({ url: res.url(), status: res.status(), type: res.headers()['content-type'] || '' });
      }
    });
    const shot = async (name) => {
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot({ path: path.join(opts.artifacts, name) });
    };
    const text = (sel) => page.$eval(sel, (e) => e.textContent);

    // 1. The basemap: in the layer list, on, and its tiles asked of this server.
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.waitForSelector('#layer-basemap', { timeout: 5000 });
    if (!(await page.$eval('#layer-basemap', (e) => e.checked))) fail('the basemap is not on by default');
    const deadline = Date.now() + 10000;
    while (tiles.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (tiles.length === 0) fail('the page asked for no basemap tile');
    // Every tile in view drawn (on a busy machine — another browser test beside this one — the
    // server's tiles take a while), and some of them with pixels that are not transparent.
    const painted = await page.waitForFunction(() => {
      const all = document.querySelectorAll('.leaflet-tile-pane canvas');
      const loaded = document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded');
      if (all.length === 0 || loaded.length !== all.length) return false;
      return Array.prototype.some.call(loaded, (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
        return false;
      });
    }, { timeout: 20000, polling: 200 }).then(() => true, () => false);
    if (!painted) fail('no basemap tile on the map has a visible pixel');
    // The page redraws the server's Mercator tiles into the map's plate-carrée grid: at points over the
    // raster, the map's canvas pixel must be one of the server's tile pixels at that longitude/latitude
    // (its 3 × 3 neighbourhood, at the Mercator zoom the page uses: the map's zoom + 1).
    const aligned = await page.evaluate(async (bounds) => {
      const map = window.ecozone.map, mz = map.getZoom() + 1, world = 256 * Math.pow(2, mz);
      const rect = document.getElementById('map').getBoundingClientRect();
      const canvases = Array.from(document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded'));
      const sources = {};
      const source = async (tx, ty) => {
        const key = tx + '/' + ty;
        if (!sources[key]) {
          const blob = await (await fetch(`/api/basemap/${mz}/${tx}/${ty}.png`)).blob();
          const bmp = await createImageBitmap(blob);
          const c = document.createElement('canvas');
          c.width = 256; c.height = 256;
          c.getContext('2d').drawImage(bmp, 0, 0);
          sources[key] = c.getContext('2d');
        }
        return sources[key];
      };
      let opaque = 0, same = 0;
      const misses = [];
      for (let i = 1; i < 12; i++) {
        for (let j = 1; j < 12; j++) {
          const lat = bounds[1] + (bounds[3] - bounds[1]) * i / 12, lon = bounds[0] + (bounds[2] - bounds[0]) * j / 12;
          const p = map.latLngToContainerPoint([lat, lon]);
          const x = rect.left + p.x, y = rect.top + p.y;
          const canvas = canvases.find((c) => { const r = c.getBoundingClientRect(); return x >= r.left && x < r.right && y >= r.top && y < r.bottom; });
          if (!canvas) continue;
          const r = canvas.getBoundingClientRect();
          const px = canvas.getContext('2d').getImageData(Math.floor((x - r.left) * canvas.width / r.width),
                                                          Math.floor((y - r.top) * canvas.height / r.height), 1, 1).data;
          const sx = (lon + 180) / 360 * world;
          const sy = (1 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / Math.PI) / 2 * world;
          const tx = Math.floor(sx / 256), ty = Math.floor(sy / 256);
          const ctx = await source(tx, ty);
          const cx = Math.floor(sx - tx * 256), cy = Math.floor(sy - ty * 256);
          const near = ctx.getImageData(Math.max(0, cx - 1), Math.max(0, cy - 1), 3, 3).data;
          if (px[3] === 0 && near[3 + 4 * 4] === 0) continue;
          opaque++;
          let found = false;
          for (let k = 0; k < near.length; k += 4) {
            if (near[k] === px[0] && near[k + 1] === px[1] && near[k + 2] === px[2] && near[k + 3] === px[3]) found = true;
          }
          if (found) same++; else misses.push(`${lon.toFixed(4)},${lat.toFixed(4)}: map ${Array.from(px)} tile ${Array.from(near.slice(16, 20))}`);
        }
      }
      return { opaque, same, misses: misses.slice(0, 5) };
    }, (await (await fetch(`${origin}/api/layers`)).json()).basemap.bounds);
    if (aligned.opaque < 30 || aligned.same < aligned.opaque * 0.95) {
      fail(`the basemap drawn does not match the server's tiles: ${aligned.same} of ${aligned.opaque} points (${aligned.misses.join('; ')})`);
    }
    await shot('indicators-00-basemap.png');
    // The layer list's checkbox takes the basemap off the map and puts it back.
    await page.click('#layer-basemap');
    if ((await page.$$eval('.leaflet-tile-pane canvas', (e) => e.length)) !== 0) fail('the basemap stays on the map when unchecked');
    await page.click('#layer-basemap');
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded').length > 0,
                               { timeout: 10000 });

    // 2. The indicators view: the targets table holds the file's figures.
    await page.click('#tab-indicators');
    await page.waitForSelector('body[data-indicators="ready"]', { timeout: 10000 });
    if (!(await page.$eval('#screen-view', (e) => e.hidden))) fail('the screening panel is still shown in the indicators view');
    const forest = doc.targets.forest_coverage;
    const shownForest = await text('#ind-targets tr[data-target="forest_coverage"] td:nth-child(2)');
    if (shownForest !== `${forest.value_pct.toFixed(2)} %`) fail(`forest coverage shown ${shownForest}, the file says ${forest.value_pct}`);
    const forestStatus = await text('#ind-targets tr[data-target="forest_coverage"] td:nth-child(4)');
    if (forestStatus !== (forest.met ? '达标' : '未达标')) fail(`forest coverage's result shown ${forestStatus}, the file says met=${forest.met}`);
    const wet = doc.targets.wetland_protection_rate;
    const shownWet = await text('#ind-targets tr[data-target="wetland_protection_rate"] td:nth-child(2)');
    if (shownWet !== `${wet.value_pct.toFixed(2)} %`) fail(`wetland protection shown ${shownWet}, the file says ${wet.value_pct}`);
    const shownRed = await text('#ind-targets tr[data-target="redline_share"] td:nth-child(2)');
    if (!shownRed.startsWith(`${doc.targets.redline_share.share_pct.toFixed(2)} %`)) fail(`red-line share shown ${shownRed}`);

    // 3. The choropleth: one shape per township; a click on one shows its class table.
    const towns = doc.zones.filter((z) => z.level === 'township');
    const drawn = await page.evaluate(() => window.ecozone.indLayer.getLayers()[0].getLayers().length);
    if (drawn !== towns.length) fail(`the map draws ${drawn} townships, the file has ${towns.length}`);
    const target = towns.slice().sort((a, b) => b.area_ha - a.area_ha)[0];
    const point = await page.evaluate((name) => {
      const layer = window.ecozone.indLayer.getLayers()[0].getLayers().find((l) => l.feature.properties.name === name);
      if (!layer) return null;
      window.ecozone.map.fitBounds(layer.getBounds(), { animate: false });
      const b = layer.getBounds();
      for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
          const ll = L.latLng(b.getSouth() + (b.getNorth() - b.getSouth()) * i / 20, b.getWest() + (b.getEast() - b.getWest()) * j / 20);
          const p = window.ecozone.map.latLngToContainerPoint(ll);
          const r = document.getElementById('map').getBoundingClientRect();
          const e = document.elementFromPoint(r.left + p.x, r.top + p.y);
          if (e === layer._path) return { x: r.left + p.x, y: r.top + p.y };
        }
      }
      return null;
    }, target.name);
    if (!point) fail(`no point of ${target.name} can be clicked on the map`);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#ind-classes', { timeout: 5000 });
    const title = await text('#ind-township h3');
    if (!title.includes(target.name)) fail(`clicking ${target.name} shows ${title}`);
    const classRows = await page.$$eval('#ind-classes tr', (rows) => rows.slice(1).map((r) => Array.from(r.cells).map((c) => c.textContent)));
    if (classRows.length !== target.classes.length) fail(`${target.name}: ${classRows.length} classes shown, the file has ${target.classes.length}`);
    const first = target.classes.slice().sort((a, b) => String(a.code).localeCompare(String(b.code)))[0];
    if (classRows[0][0] !== first.code || classRows[0][1] !== first.name) fail(`${target.name}'s first class shown ${classRows[0]}, the file's is ${first.code} ${first.name}`);
    await shot('indicators-01-forest.png');

    // 4. The wetland choropleth: the legend names the townships with no figure.
    const noWetland = towns.filter((z) => !(z.wetland && z.wetland.protection_rate && z.wetland.protection_rate.defined)).map((z) => z.name);
    await page.select('#ind-indicator', 'wetland');
    const unmatched = await text('#ind-unmatched');
    for (const name of noWetland) if (!unmatched.includes(name)) fail(`the wetland legend does not name ${name} (no figure): ${unmatched}`);
    if (!noWetland.length && !unmatched.includes('均有数据')) fail(`the wetland legend says ${unmatched}`);
    await page.select('#ind-indicator', 'redline');
    await shot('indicators-02-redline.png');

    // 5. The evidence files: name, size and SHA-256 of each, as the files themselves have them.
    const files = await page.$$eval('#ind-files tr[data-file]', (rows) => rows.map((r) => ({
      name: r.dataset.file, href: r.querySelector('a').getAttribute('href'), size: r.cells[1].textContent, sha: r.cells[2].textContent })));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'indicators.manifest.json'), 'utf8')).files;
    if (files.length !== manifest.length) fail(`the evidence list has ${files.length} files, the manifest ${manifest.length}`);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(dir, f.name));
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      if (f.sha !== sha) fail(`${f.name}: SHA-256 shown ${f.sha}, the file's is ${sha}`);
      if (!f.size.includes(bytes.length.toLocaleString('en'))) fail(`${f.name}: size shown ${f.size}, the file has ${bytes.length} bytes`);
      if (f.href !== `/api/indicators/files/${encodeURIComponent(f.name)}`) fail(`${f.name}: link ${f.href}`);
    }
    const json = files.find((f) => f.name === 'indicators.json');
    const served = await page.evaluate(async (href) => { const r = await fetch(href); return { status: r.status, text: await r.text() }; }, json.href);
    if (served.status !== 200 || JSON.parse(served.text).targets.forest_coverage.value_pct !== forest.value_pct) fail(`downloading indicators.json gave ${served.status}`);

    await page.$eval('#ind-files', (e) => e.scrollIntoView());
    await shot('indicators-03-evidence.png');

    // 6. In English.
    await page.click('#lang-switch');
    if ((await text('#tab-indicators')) !== 'Indicators') fail('the tab is not in English');
    const enStatus = await text('#ind-targets tr[data-target="forest_coverage"] td:nth-child(4)');
    if (enStatus !== (forest.met ? 'met' : 'not met')) fail(`in English the forest result reads ${enStatus}`);
    await shot('indicators-04-english.png');

    // 7. Every basemap tile came from this server as a PNG.
    const bad = tiles.filter((t) => !t.url.startsWith(origin + '/api/basemap/') || t.status !== 200 || !t.type.startsWith('image/png'));
    if (bad.length) fail(`basemap tiles not answered 200 image/png by this server: ${JSON.stringify(bad.slice(0, 3))}`);
    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
  } finally {
    if (browser) await browser.close();
    await h.stopServer(child, exited, log);
  }
  await withToken(dir);
}

// With --token every /api/ call needs the header: the basemap's tiles, the indicators and an evidence
// download all carry it (an <img> or a plain link could not).
async function withToken(dir) {
  const fail = (message) => { throw new Error(message); };
  const secret = 'token-for-the-indicators-test';
  const { child, url, log } = await h.startServer(opts.ecozone, [opts.project, '--indicators', dir, '--basemap', opts.basemap, '--token', secret]);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: h.CHROMIUM,
      headless: true,
      args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-gpu', '--lang=zh-CN']),
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    const { foreign, problems } = h.watch(page, origin, []);
    const answers = [];
    page.on('response', (res) => { if (res.url().includes('/api/')) answers.push({ url: res.url(), status: res.status() }); });
    await page.goto(`${url}#token=${secret}`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded').length > 0,
                               { timeout: 10000 });
    await page.click('#tab-indicators');
    await page.waitForSelector('body[data-indicators="ready"]', { timeout: 10000 });
    await page.click('#ind-files tr[data-file="indicators.csv"] a');
    const deadline = Date.now() + 5000;
    while (!answers.some((a) => a.url.endsWith('/api/indicators/files/indicators.csv')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const csv = answers.find((a) => a.url.endsWith('/api/indicators/files/indicators.csv'));
    if (!csv || csv.status !== 200) fail(`with a token, the evidence download was answered ${csv ? csv.status : 'never'}`);
    if (!answers.some((a) => a.url.includes('/api/basemap/'))) fail('with a token, no basemap tile was asked');
    const refused = answers.filter((a) => a.status !== 200);
    if (refused.length) fail(`with a token, the page was refused: ${JSON.stringify(refused.slice(0, 3))}`);
    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
  } finally {
    if (browser) await browser.close();
    await h.stopServer(child, exited, log);
  }
}

main().catch((e) => h.fail(e && e.message ? e.message : String(e)));
