#!/usr/bin/env node
// End-to-end test of the workbench's audit review view (图斑核查) in Debian's chromium, driven by
// puppeteer-core (tests/CMakeLists.txt registers it as the CTest test browser.review).  It writes the
// sample's patch register with `ecozone audit`, serves it with `ecozone serve --register`, and in the
// page: sees the numbered patches on the map and in the list, filters them, opens a patch and records a
// verification; a bad save shows the server's message in the page's language; after a reload the
// verification is there; the downloaded register holds it; a second officer saving meanwhile (a POST
// from here with the old revision) makes the page's next save show the other officer's text, and the
// save after that goes through; the patch's before and after images are shown (the register of a
// raster audit holds them); the register downloaded as CSV and as a workbook from the page's links
// holds the opinion.  It fails if the page asks any host but the server for anything, or the browser
// reports a script or Content-Security-Policy error.
//
//   node review.test.js --ecozone build/cli/ecozone --project sample_shapefiles/hongsibu.toml \
//        --artifacts build/test-artifacts
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const h = require('./harness');

const opts = h.args(['ecozone', 'project', 'artifacts']);
const puppeteer = h.puppeteer();

async function main() {
  fs.mkdirSync(opts.artifacts, { recursive: true });
  const started = Date.now();
  await h.withCommandOutput(opts.ecozone, 'audit', opts.project, 'patches.gpkg', async (tmp, register) => {
    await run(register, tmp);
    await withToken(register, tmp);
  });
  console.log(`browser test (review): ok (${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${opts.artifacts})`);
}

async function run(register, tmp) {
  const fail = (message) => { throw new Error(message); };
  const { child, url, log } = await h.startServer(opts.ecozone, [opts.project, '--register', register]);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  let browser;
  try {
    // What the server holds, asked from here as any client would.
    const patches = async () => (await (await fetch(`${origin}/api/patches`)).json()).features;
    const all = await patches();
    if (all.length < 5) fail(`the sample's register has only ${all.length} patches`);
    const target = all.find((f) => f.properties.gnfq === '核心区') || all[0];
    const coreCount = all.filter((f) => f.properties.gnfq === '核心区').length;

    browser = await puppeteer.launch({
      executablePath: h.CHROMIUM,
      headless: true,
      args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-gpu', '--lang=zh-CN']),
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    // 400 and 409 are provoked below on purpose.
    const { foreign, problems } = h.watch(page, origin, [400, 409]);
    const shot = async (name) => {
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot({ path: path.join(opts.artifacts, name) });
    };
    const text = (sel) => page.$eval(sel, (e) => e.textContent);
    const openReview = async () => {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
      await page.click('#tab-review');
      await page.waitForSelector('body[data-review="ready"]', { timeout: 10000 });
    };
    const rowOf = (id) => `#patch-rows tr[data-patch-id="${id}"]`;

    // 1. The review view: every patch in the list and numbered on the map.
    await openReview();
    let rows = await page.$$eval('#patch-rows tr', (e) => e.length);
    if (rows !== all.length) fail(`the list shows ${rows} patches, the register has ${all.length}`);
    const numbers = await page.$$eval('.patch-number span', (e) => e.map((s) => s.textContent));
    if (numbers.length !== all.length || numbers[0] !== '1') fail(`the map shows ${numbers.length} numbered patches (${numbers.slice(0, 3)}), not ${all.length}`);
    if (!(await page.$eval('#screen-view', (e) => e.hidden))) fail('the screening panel is still shown in the review view');
    const link = await page.$eval('#register-download', (e) => e.getAttribute('href'));
    if (link !== '/api/patches.gpkg') fail(`the register's download link is ${link}`);

    await shot('review-00-register.png');

    // 2. Filters: the core zone, then a township and a status on top.
    await page.select('#f-zone', '核心区');
    rows = await page.$$eval('#patch-rows tr', (e) => e.length);
    const markers = await page.$$eval('.patch-number', (e) => e.length);
    if (rows !== coreCount || markers !== coreCount) fail(`filtered by 核心区: ${rows} rows and ${markers} markers, not ${coreCount}`);
    await page.select('#f-status', 'confirmed');
    rows = await page.$$eval('#patch-rows tr', (e) => e.length);
    if (rows !== 0) fail(`no patch is confirmed yet, but the filter shows ${rows}`);
    await page.select('#f-status', '');
    await page.select('#f-zone', '');
    // A township's patches: clicking one's number on the map opens the form on it.
    const byTownship = {};
    all.forEach((f) => { (byTownship[f.properties.xzmc] = byTownship[f.properties.xzmc] || []).push(f); });
    const [township, few] = Object.entries(byTownship).sort((a, b) => a[1].length - b[1].length)[0];
    await page.select('#f-township', township);
    rows = await page.$$eval('#patch-rows tr', (e) => e.length);
    if (rows !== few.length) fail(`filtered by ${township}: ${rows} rows, not ${few.length}`);
    const marker = await page.$('.patch-number');
    const mbox = await marker.boundingBox();
    await page.mouse.click(mbox.x + mbox.width / 2, mbox.y + mbox.height / 2);
    await page.waitForSelector('#verify:not([hidden])');
    const clicked = await page.$eval('#verify-title', (e) => e.textContent);
    if (!few.some((f) => clicked.includes(f.id))) fail(`clicking a ${township} patch on the map opened ${clicked}`);
    await page.select('#f-township', '');

    // 3. Click the patch in the list: the map zooms to it and the form opens.
    await page.evaluate(() => window.ecozone.map.setView([37.3, 106.2], 9, { animate: false }));
    await page.click(rowOf(target.id));
    await page.waitForSelector('#verify:not([hidden])');
    const zoom = await page.evaluate(() => window.ecozone.map.getZoom());
    if (zoom < 14) fail(`clicking the patch left the map at zoom ${zoom}`);
    const title = await text('#verify-title');
    if (!title.includes(target.id)) fail(`the form is not on ${target.id}: ${title}`);
    if (!(await text('#v-revision')).includes('0')) fail(`the form does not show revision 0: ${await text('#v-revision')}`);

    // 3b. Its before and after images, side by side and captioned, both loaded (a raster audit's
    // register holds them), drawn pixelated.
    await page.waitForFunction(() => {
      const imgs = document.querySelectorAll('#v-images img.class-map');
      return imgs.length === 2 && Array.from(imgs).every((i) => (i.complete && i.naturalWidth > 0) || i.closest('figure').dataset.state !== 'loading');
    }, { timeout: 15000 });
    const images = await page.$$eval('#v-images figure', (fs) => fs.map((f) => {
      const img = f.querySelector('img');
      return { state: f.dataset.state, width: img.naturalWidth, src: img.getAttribute('src'), caption: f.querySelector('figcaption').textContent,
               rendering: getComputedStyle(img).imageRendering, note: f.querySelector('.image-note').textContent };
    }));
    if (images.length !== 2 || images.some((i) => i.state !== 'loaded' || !(i.width > 0))) fail(`the patch's images: ${JSON.stringify(images)}`);
    if (!images[0].caption.startsWith('前时相') || !images[1].caption.startsWith('后时相')) fail(`the images' captions: ${images.map((i) => i.caption)}`);
    if (images[0].src !== `/api/patches/${encodeURIComponent(target.id)}/before.png` || images[1].src !== `/api/patches/${encodeURIComponent(target.id)}/after.png`) {
      fail(`the images come from ${images.map((i) => i.src)}`);
    }
    if (images.some((i) => i.rendering !== 'pixelated')) fail(`the images are drawn ${images.map((i) => i.rendering)}, not pixelated`);
    console.log(`browser test (review): the patch's images: ${images.map((i) => `${i.caption} ${i.width} px`).join(', ')}`);
    await page.$eval('#v-images', (e) => e.scrollIntoView({ block: 'center' }));
    await shot('review-00b-images.png');

    // 4. A save the server refuses (no officer named): its message, in Chinese, then in English.
    const opinion = '现场核实：新开采石坑约 0.3 公顷 <img src=x onerror="window.__pwned=1">';
    await page.select('#v-status', 'confirmed');
    await page.type('#v-opinion', opinion);
    await page.$eval('#v-date', (e) => { e.value = '2026-10-08'; });
    await page.click('#v-save');
    await page.waitForFunction(() => document.getElementById('v-message').className === 'error');
    let message = await text('#v-message');
    if (!message.includes('核查人')) fail(`the refused save does not name 核查人: ${message}`);
    await page.click('#lang-switch');
    message = await text('#v-message');
    if (!/officer/.test(message)) fail(`in English the refused save's message is not English: ${message}`);
    if ((await text('#v-save')) !== 'Save the verification') fail('the form is not in English');
    await page.click('#lang-switch');

    // 5. The save: 200, revision 1, the list shows 属实.
    await page.type('#v-by', '王芳');
    await page.click('#v-save');
    await page.waitForFunction(() => document.getElementById('v-message').className === 'saved');
    if (!(await text('#v-revision')).includes('1')) fail(`after the save the form shows ${await text('#v-revision')}`);
    if ((await text(`${rowOf(target.id)} td:last-child`)) !== '属实') fail('the list does not show the patch as 属实');
    await shot('review-01-saved.png');

    // 6. Reload: the verification is read back from the register.
    await openReview();
    await page.click(rowOf(target.id));
    await page.waitForSelector('#verify:not([hidden])');
    const form = await page.evaluate(() => ['v-status', 'v-opinion', 'v-date', 'v-by'].map((id) => document.getElementById(id).value));
    if (form.join('|') !== ['confirmed', opinion, '2026-10-08', '王芳'].join('|')) fail(`after a reload the form shows ${form.join(' | ')}`);
    if (await page.evaluate(() => window.__pwned === 1 || document.querySelectorAll('#review-view img:not(#v-images img.class-map)').length > 0)) {
      fail('the opinion became markup');
    }

    // 7. The downloaded register holds it.
    const gpkg = Buffer.from(await (await fetch(`${origin}/api/patches.gpkg`)).arrayBuffer());
    const downloaded = path.join(tmp, 'downloaded.gpkg');
    fs.writeFileSync(downloaded, gpkg);
    if (gpkg.indexOf(Buffer.from(opinion, 'utf8')) < 0) fail('the downloaded register does not hold the opinion');
    const ogr = spawnSync('ogrinfo', ['-ro', '-al', '-q', downloaded], { encoding: 'utf8' });
    if (ogr.status === 0 && !(ogr.stdout.includes('王芳') && ogr.stdout.includes('2026-10-08'))) {
      fail('ogrinfo does not find the officer and the date in the downloaded register');
    }

    // 7b. The register as CSV (UTF-8 with BOM) and as a workbook, downloaded from the page's links.
    const csv = await h.download(browser, tmp, () => page.click('#register-download-csv'));
    if (csv.bytes.slice(0, 3).toString('hex') !== 'efbbbf') fail(`the CSV ${csv.name} does not start with a UTF-8 BOM`);
    const csvText = csv.bytes.toString('utf8');
    // A CSV doubles the quotes inside a quoted field.
    if (!csvText.includes(opinion.replace(/"/g, '""')) || !csvText.includes('属实')) fail(`the CSV ${csv.name} does not hold the opinion and 属实`);
    const xlsx = await h.download(browser, tmp, () => page.click('#register-download-xlsx'));
    if (xlsx.bytes.slice(0, 2).toString('latin1') !== 'PK') fail(`the workbook ${xlsx.name} does not start with PK`);
    console.log(`browser test (review): downloads: ${csv.name} (${csv.bytes.length} B), ${xlsx.name} (${xlsx.bytes.length} B)`);

    // 8. A second officer saves the same patch meanwhile, with the revision this page shows (1).
    const other = await fetch(`${origin}/api/patches/${encodeURIComponent(target.id)}/verification`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'ecozone' },
      body: JSON.stringify({ status: 'rectifying', opinion: '李强：已责令停止开采，限期复绿', date: '2026-10-09', by: '李强', revision: 1 }),
    });
    if (other.status !== 200) fail(`the second officer's save got ${other.status}: ${await other.text()}`);
    // This page's next save is refused, shows 李强's text and takes his revision.
    await page.$eval('#v-opinion', (e) => { e.value = ''; });
    await page.type('#v-opinion', '王芳补充：坑内有积水');
    // Going to the screening tab and back reads the register again (with 李强's revision 2): the form
    // must still save with the revision it was filled from, so that the conflict is not hidden.
    await page.click('#tab-screen');
    await page.click('#tab-review');
    await page.waitForSelector('body[data-review="ready"]', { timeout: 10000 });
    if ((await page.$eval('#v-opinion', (e) => e.value)) !== '王芳补充：坑内有积水') fail('reading the register again threw away the form');
    await page.click('#v-save');
    await page.waitForSelector('#v-conflict:not([hidden])');
    const conflict = await text('#v-conflict');
    if (!conflict.includes('李强：已责令停止开采，限期复绿') || !conflict.includes('整改中')) fail(`the conflict does not show the other officer's text: ${conflict}`);
    if (!(await text('#v-revision')).includes('2')) fail(`after the conflict the form shows ${await text('#v-revision')}`);
    if ((await page.$eval('#v-opinion', (e) => e.value)) !== '王芳补充：坑内有积水') fail('the conflict threw away what the officer typed');
    await page.$eval('#v-conflict', (e) => e.scrollIntoView({ block: 'end' }));
    await shot('review-02-conflict.png');
    // Saving again goes through, over the other officer's revision.
    await page.click('#v-save');
    await page.waitForFunction(() => document.getElementById('v-message').className === 'saved');
    const now = (await patches()).find((f) => f.id === target.id).properties.verification;
    if (now.revision !== 3 || now.opinion !== '王芳补充：坑内有积水' || now.by !== '王芳') fail(`the register holds ${JSON.stringify(now)}`);
    if (await page.$eval('#v-conflict', (e) => !e.hidden)) fail('the conflict is still shown after the save went through');

    // 9. The view in English, filtered to the patch's township, for the record.
    await page.click('#lang-switch');
    await page.select('#f-township', target.properties.xzmc);
    if ((await text('#tab-review')) !== 'Patch review') fail('the tab is not in English');
    await shot('review-03-english.png');

    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
  } finally {
    if (browser) await browser.close();
    await h.stopServer(child, exited, log);
  }
}

async function launch() {
  return puppeteer.launch({
    executablePath: h.CHROMIUM,
    headless: true,
    args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-gpu', '--lang=zh-CN']),
  });
}

async function imagesSettled(page) {
  await page.waitForSelector('#verify:not([hidden])');
  await page.waitForFunction(() => {
    const figures = document.querySelectorAll('#v-images figure');
    return figures.length === 2 && Array.from(figures).every((f) => f.dataset.state && f.dataset.state !== 'loading');
  }, { timeout: 15000 });
  return page.$$eval('#v-images figure', (fs) => fs.map((f) => ({
    state: f.dataset.state, width: f.querySelector('img').naturalWidth, src: f.querySelector('img').getAttribute('src') || '' })));
}

// With a token: the images come through fetch with the token header as data: addresses, the CSV
// download carries the token too.  Then the register of an audit of an external patch layer (the same
// patches, as GeoJSON) has no images, and the form says so.
async function withToken(register, tmp) {
  const fail = (message) => { throw new Error(message); };
  const token = 'review-token-' + process.pid;
  const { child, url, log } = await h.startServer(opts.ecozone, [opts.project, '--register', register, '--token', token]);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  let browser;
  try {
    const all = (await (await fetch(`${origin}/api/patches`, { headers: { 'X-Ecozone-Token': token } })).json()).features;
    browser = await launch();
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const { foreign, problems } = h.watch(page, origin, []);
    await page.goto(`${url}#token=${token}`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.click('#tab-review');
    await page.waitForSelector('body[data-review="ready"]', { timeout: 10000 });
    await page.click(`#patch-rows tr[data-patch-id="${all[0].id}"]`);
    const images = await imagesSettled(page);
    if (images.some((i) => i.state !== 'loaded' || !(i.width > 0) || !i.src.startsWith('data:image/png;base64,'))) {
      fail(`with a token the patch's images are ${JSON.stringify(images.map((i) => ({ ...i, src: i.src.slice(0, 30) })))}`);
    }
    const csv = await h.download(browser, tmp, () => page.click('#register-download-csv'));
    if (csv.bytes.slice(0, 3).toString('hex') !== 'efbbbf' || !csv.bytes.toString('utf8').includes(all[0].id)) fail(`with a token the CSV ${csv.name} is not the register`);
    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
    console.log(`browser test (review): with a token: images as data: addresses, ${csv.name} (${csv.bytes.length} B)`);

    // The same patches as an external patch layer.
    const external = path.join(tmp, 'external-patches.geojson');
    fs.writeFileSync(external, JSON.stringify({ type: 'FeatureCollection', features: all.map((f) => {
      const properties = { ...f.properties };
      delete properties.verification;
      return { type: 'Feature', properties, geometry: f.geometry };
    }) }));
    const out = path.join(tmp, 'external-audit');
    const audit = spawnSync(opts.ecozone, ['audit', opts.project, '--patches', external, '--out', out], { encoding: 'utf8' });
    if (audit.status !== 0) fail(`ecozone audit --patches ended with ${audit.status}:\n${audit.stderr}`);
    await externalRegister(browser, path.join(out, 'patches.gpkg'));
  } finally {
    if (browser) await browser.close();
    await h.stopServer(child, exited, log);
  }
}

async function externalRegister(browser, register) {
  const fail = (message) => { throw new Error(message); };
  const { child, url, log } = await h.startServer(opts.ecozone, [opts.project, '--register', register]);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = new URL(url).origin;
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    // The images' 404s are the point here.
    const { foreign, problems } = h.watch(page, origin, [404]);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.click('#tab-review');
    await page.waitForSelector('body[data-review="ready"]', { timeout: 10000 });
    await page.click('#patch-rows tr');
    const images = await imagesSettled(page);
    if (images.some((i) => i.state !== 'missing')) fail(`the external register's images are ${JSON.stringify(images)}`);
    const none = await page.$eval('#v-images .images-none', (e) => (e.hidden ? '' : e.textContent));
    if (none !== '该登记表没有影像（外部图斑图层）') fail(`without images the form says: ${none}`);
    const pairShown = await page.$eval('#v-images .image-pair', (e) => getComputedStyle(e).display !== 'none');
    if (pairShown) fail('without images the form still shows the two empty figures');
    await page.$eval('#v-images', (e) => e.scrollIntoView({ block: 'center' }));
    await new Promise((r) => setTimeout(r, 300));
    await page.screenshot({ path: path.join(opts.artifacts, 'review-04-external-no-images.png') });
    await page.click('#lang-switch');
    const noneEn = await page.$eval('#v-images .images-none', (e) => e.textContent);
    if (noneEn !== 'this register has no images (external patch layer)') fail(`in English without images the form says: ${noneEn}`);
    if (foreign.length) fail(`the page asked other hosts than ${origin}: ${foreign.join(', ')}`);
    if (problems.length) fail(problems.join('\n'));
    console.log('browser test (review): the external patch layer\'s register: no images, said so');
  } finally {
    await h.stopServer(child, exited, log);
  }
}

main().catch((e) => h.fail(e && e.message ? e.message : String(e)));
