'use strict';
// Drives the web UI in headless Chromium (Debian's, through playwright-core) as a viewer and as an
// operator, and fails on the first thing a person would see wrong. Run by WebUiBrowserIT, which
// starts the service and puts playwright-core on NODE_PATH. Settings come from the environment.
const {chromium} = require('playwright-core');
const path = require('path');

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error('missing environment variable ' + name);
  return value;
};
const url = env('UI_URL');
const viewerToken = env('UI_VIEWER_TOKEN');
const operatorToken = env('UI_OPERATOR_TOKEN');
const pipeline = env('UI_PIPELINE');
const table = env('UI_TABLE');
const field = env('UI_FIELD');
const payloadMarker = env('UI_PAYLOAD_MARKER');
const keyMarker = env('UI_KEY_MARKER');
const out = env('UI_OUT_DIR');
const chromiumPath = process.env.UI_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30_000;

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log('ok: ' + message);
}

async function signIn(page, token) {
  await page.locator('#sign-in').waitFor({state: 'visible', timeout: TIMEOUT});
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
}

async function sectionsRender(page, who) {
  await page.locator('#app').waitFor({state: 'visible', timeout: TIMEOUT});
  await page.waitForFunction(w => document.getElementById('who').textContent.includes(w), who, {timeout: TIMEOUT});
  check(true, who + ': signed in');
  const pipelineRow = page.locator('#pipelines tr', {hasText: pipeline});
  await pipelineRow.waitFor({timeout: TIMEOUT});
  check(/RUNNING|STARTING|RETRYING/.test(await pipelineRow.innerText()), who + ': pipelines section shows ' + pipeline);
  const deadLetterRow = page.locator('#dead-letters tr').first();
  await deadLetterRow.waitFor({timeout: TIMEOUT});
  check((await deadLetterRow.innerText()).includes('not valid JSON'), who + ': dead-letter section shows the error');
  await page.waitForFunction(t => [...document.querySelectorAll('#table option')].some(o => o.value === t), table, {timeout: TIMEOUT});
  check(true, who + ': table selector lists ' + table);
  await page.selectOption('#table', table);
  await page.locator('#schemas tr').first().waitFor({timeout: TIMEOUT});
  check(await page.locator('#schemas tr').count() >= 1, who + ': schema versions render');
  await page.locator('#fields tr', {hasText: field}).first().waitFor({timeout: TIMEOUT});
  check(true, who + ': field profiles show ' + field);
  await page.locator('#maintenance dt', {hasText: 'Data files'}).waitFor({timeout: TIMEOUT});
  check(true, who + ': maintenance facts render');
  await page.locator('#drift tr').first().waitFor({timeout: TIMEOUT});
  check(true, who + ': drift events render');
  return deadLetterRow;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const violations = [];
  try {
    const context = await browser.newContext({viewport: {width: 1400, height: 1800}});
    const page = await context.newPage();
    page.on('console', message => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', error => violations.push('page error: ' + error.message));

    await page.goto(url, {waitUntil: 'domcontentloaded'});
    await page.locator('#sign-in').waitFor({state: 'visible', timeout: TIMEOUT});
    check(await page.locator('#app').isHidden(), 'before signing in, only the sign-in form shows');
    await page.screenshot({path: path.join(out, '1-sign-in.png')});

    await signIn(page, 'not-a-valid-token-at-all');
    await page.waitForFunction(() => document.getElementById('sign-in-error').textContent.includes('not accepted'), null, {timeout: TIMEOUT});
    check(await page.locator('#app').isHidden(), 'a wrong token is refused');

    await signIn(page, viewerToken);
    const viewerRow = await sectionsRender(page, 'viewer');
    check((await page.locator('th.payload').first().isHidden()), 'viewer: no payload columns');
    check(await page.locator('td.payload').count() === 0, 'viewer: no payload cells');
    const viewerText = await page.locator('body').innerText();
    check(!viewerText.includes(payloadMarker) && !viewerText.includes(keyMarker), 'viewer: no dead-letter value or key anywhere on the page');
    check((await viewerRow.innerText()).includes('partition='), 'viewer: dead letters keep their coordinates');
    await page.screenshot({path: path.join(out, '2-viewer.png'), fullPage: true});

    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor({state: 'visible', timeout: TIMEOUT});
    check(await page.evaluate(() => sessionStorage.getItem('tributary.token')) === null, 'signing out forgets the token');

    await signIn(page, operatorToken);
    await sectionsRender(page, 'operator');
    check(await page.locator('th.payload').first().isVisible(), 'operator: payload columns shown');
    await page.locator('#dead-letters td.payload', {hasText: payloadMarker}).first().waitFor({timeout: TIMEOUT});
    check(true, 'operator: sees the dead-letter value');
    await page.locator('#dead-letters td.payload', {hasText: keyMarker}).first().waitFor({timeout: TIMEOUT});
    check(true, 'operator: sees the dead-letter key');
    await page.screenshot({path: path.join(out, '3-operator.png'), fullPage: true});

    await page.reload({waitUntil: 'domcontentloaded'});
    await page.locator('#app').waitFor({state: 'visible', timeout: TIMEOUT});
    check(true, 'a reload keeps the session (sessionStorage)');

    check(violations.length === 0, 'no Content-Security-Policy violations or script errors: ' + violations.join(' | '));
    console.log('UI CHECK PASSED');
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error('UI CHECK FAILED: ' + (error && error.stack || error));
  process.exit(1);
});
