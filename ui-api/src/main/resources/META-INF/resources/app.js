'use strict';
// The Tributary web UI. Every value it shows comes from /api, with the caller's credentials: a
// bearer token typed into the sign-in form (kept in sessionStorage, so it is gone when the tab
// closes), or, in basic mode, the credentials the browser asked for when the page loaded.

const TOKEN_KEY = 'tributary.token';
let session = null;
let timers = [];

class SignInNeeded extends Error {}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}
function row(...cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}
function credentials() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? {Authorization: 'Bearer ' + token} : {};
}
async function json(path) {
  const response = await fetch(path, {headers: credentials(), credentials: 'same-origin'});
  if (response.status === 401) {
    signOut('Your sign-in is no longer accepted; sign in again.');
    throw new SignInNeeded(path);
  }
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}
const percent = ratio => (100 * ratio).toFixed(1) + '%';
const time = value => value ? new Date(value).toLocaleString() : '—';
const bytes = value => value >= 1 << 20 ? (value / (1 << 20)).toFixed(1) + ' MB'
  : value >= 1024 ? (value / 1024).toFixed(1) + ' KB' : value + ' B';
const change = c => c.kind + ' ' + c.path + (c.typeBefore ? ' ' + c.typeBefore + ' →' : '')
  + (c.typeAfter ? ' ' + c.typeAfter : '');

async function refreshPipelines() {
  const body = document.getElementById('pipelines');
  try {
    const pipelines = await json('/api/v1/pipelines');
    body.replaceChildren(...pipelines.map(p => row(cell(p.name), cell(p.state, 'state ' + p.state),
      cell(p.recordsRead), cell(p.rowsCommitted), cell(p.deadLetters), cell(p.commits),
      cell(bytes(p.bufferedBytes)), cell(p.lastCommit ? new Date(p.lastCommit).toLocaleTimeString() : '—'),
      cell(p.lastError, 'error'))));
    return pipelines;
  } catch (e) {
    if (!(e instanceof SignInNeeded)) body.replaceChildren(row(cell('API unreachable: ' + e)));
    return [];
  }
}
async function refreshDeadLetters(pipelines) {
  const letters = [];
  for (const p of pipelines.filter(p => p.deadLetters > 0)) {
    for (const letter of await json('/api/v1/pipelines/' + encodeURIComponent(p.name) + '/dead-letters?limit=10')) {
      letters.push({pipeline: p.name, ...letter});
    }
  }
  letters.sort((a, b) => b.failedAt.localeCompare(a.failedAt));
  // Viewers get no values or keys from the API; their columns are not shown at all.
  const payloads = session.payloadsVisible;
  document.getElementById('dead-letters').replaceChildren(...letters.slice(0, 20).map(l => {
    const cells = [cell(l.pipeline), cell(time(l.failedAt)),
      cell(Object.entries(l.source).filter(([k]) => k !== 'key' && k !== 'partition_key' && k !== 'timestamp')
        .map(([k, v]) => k + '=' + v).join(' '), 'left'),
      cell(l.errorClass + ': ' + l.errorMessage, 'error')];
    if (payloads) {
      cells.push(cell(l.source.key ?? l.source.partition_key ?? '', 'raw payload'));
      cells.push(cell(l.valuePreview == null ? '(no value)' : l.valuePreview.slice(0, 200), 'raw payload'));
    }
    return row(...cells);
  }));
}
async function refreshTables() {
  const select = document.getElementById('table');
  const tables = await json('/api/v1/tables');
  const chosen = select.value;
  select.replaceChildren(...tables.map(t => Object.assign(document.createElement('option'), {value: t, textContent: t})));
  if (tables.includes(chosen)) select.value = chosen;
}
async function refreshTable() {
  const table = document.getElementById('table').value;
  if (!table) return;
  const path = '/api/v1/tables/' + encodeURIComponent(table);

  const m = await json(path + '/maintenance');
  const facts = [
    ['Maintained by', (m.maintainer ?? 'nobody yet') + (m.maintainedHere ? ' (this replica)' : '')],
    ['Last run', time(m.lastRun)], ['Data files', m.dataFiles],
    ['Small files', m.layout.smallFiles], ['Compaction lag', (m.layout.compactionLagMillis / 1000).toFixed(0) + ' s'],
    ['Compactions', m.compactionsCommitted], ['Bytes rewritten', bytes(m.bytesRewritten)],
    ['Files merged', m.filesRemoved + ' → ' + m.filesAdded], ['Conflicts', m.conflicts],
    ['Snapshots expired', m.snapshotsExpired], ['Manifests rewritten', m.manifestsRewritten],
    ['Orphans removed', m.orphanFilesRemoved], ['Last error', m.lastError ?? '—']];
  document.getElementById('maintenance').replaceChildren(...facts.flatMap(([label, value]) => [
    Object.assign(document.createElement('dt'), {textContent: label}),
    Object.assign(document.createElement('dd'), {textContent: value})]));
  document.getElementById('partitions').replaceChildren(...m.layout.crowdedPartitions.map(p =>
    row(cell(p.partition), cell(p.dataFiles), cell(p.smallFiles), cell(bytes(p.bytes)), cell(p.cold ? 'cold' : 'hot'))));

  const schemas = await json(path + '/schemas');
  document.getElementById('schemas').replaceChildren(...schemas.slice().reverse().map(s =>
    row(cell(s.schemaId), cell(s.fieldCount), cell(time(s.recorded)),
      cell(s.changesFromPrevious.map(change).join('; '), 'left'))));

  const page = await json(path + '/drift-events?size=500');
  document.getElementById('drift').replaceChildren(...page.events.slice().reverse().slice(0, 50).map(e =>
    row(cell(time(e.time)), cell((e.schemaIdBefore ?? '—') + ' → ' + e.schemaIdAfter),
      cell(e.changes.map(change).join('; '), 'left'), cell(e.sourcePosition, 'left'))));

  const fields = await json(path + '/fields');
  document.getElementById('fields').replaceChildren(...fields.map(f => row(cell(f.path),
    cell(percent(f.presenceRatio)), cell(percent(f.nullRatio)),
    cell(Object.entries(f.jsonTypes).map(([k, v]) => k + ' ' + v).join(', '), 'left'),
    cell(f.approximateDistinct), cell(f.rescued),
    cell(f.minNumber ?? f.minTimestamp ?? ''), cell(f.maxNumber ?? f.maxTimestamp ?? ''))));
}
async function refreshAll() {
  const pipelines = await refreshPipelines();
  await refreshDeadLetters(pipelines).catch(() => {});
}
const ignore = () => {};

function showApp() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('auth-off').hidden = !session.authenticationOff;
  const who = document.getElementById('who');
  who.textContent = session.authenticationOff ? 'authentication off'
    : 'signed in as ' + session.user + ' (' + session.roles.join(', ') + ')';
  // Only a bearer token can be forgotten by the page; basic credentials stay with the browser.
  document.getElementById('sign-out').hidden = sessionStorage.getItem(TOKEN_KEY) == null;
  // Swagger UI cannot send a bearer token from a link; it works with basic credentials or none.
  document.getElementById('api-link').hidden = session.mode === 'token' || session.mode === 'oidc';
  for (const column of document.querySelectorAll('th.payload')) column.hidden = !session.payloadsVisible;
  refreshAll();
  refreshTables().then(refreshTable).catch(ignore);
  timers.push(setInterval(refreshAll, 3000));
  timers.push(setInterval(() => refreshTables().then(refreshTable).catch(ignore), 10000));
}
function signOut(message) {
  timers.forEach(clearInterval);
  timers = [];
  session = null;
  sessionStorage.removeItem(TOKEN_KEY);
  for (const id of ['pipelines', 'dead-letters', 'maintenance', 'partitions', 'schemas', 'drift', 'fields', 'table']) {
    document.getElementById(id).replaceChildren();
  }
  document.getElementById('app').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message ?? '';
  document.getElementById('token').focus();
}
async function start() {
  let response;
  try {
    response = await fetch('/api/v1/session', {headers: credentials(), credentials: 'same-origin'});
  } catch (e) {
    document.getElementById('sign-in-error').textContent = 'The service is unreachable: ' + e;
    return;
  }
  if (response.status === 401) {
    const rejected = sessionStorage.getItem(TOKEN_KEY) != null;
    signOut(rejected ? 'That token was not accepted.' : '');
    return;
  }
  if (!response.ok) {
    signOut('The service answered HTTP ' + response.status + '.');
    return;
  }
  session = await response.json();
  showApp();
}

document.getElementById('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  const token = document.getElementById('token').value.trim();
  document.getElementById('token').value = '';
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  start();
});
document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
document.getElementById('table').addEventListener('change', () => refreshTable().catch(ignore));
start();
