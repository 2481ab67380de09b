'use strict';
// The organiser console: one page, no framework, no build step. Every figure and every change
// is a call to the node's public HTTP API with the admin token the organiser signed in with.

const TOKEN_KEY = 'startline.token';
const REFRESH_MS = 1000;
const LIST_LIMIT = 100;
const state = { refresh: null, timer: null, charts: [] };

// ---------- the API ----------

class ApiError extends Error {
  constructor(status, code, message, field) {
    super(`${status} ${code}: ${message}${field ? ` (${field})` : ''}`);
    this.status = status;
    this.code = code;
  }
}

/** An idempotency key: crypto.randomUUID needs a secure context, getRandomValues does not. */
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

async function api(method, path, body, accept) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
  if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accept) headers.Accept = accept;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    const error = type.includes('json') ? (await response.json()).error : { code: 'HTTP', message: await response.text() };
    throw new ApiError(response.status, error.code, error.message, error.field);
  }
  return type.includes('json') ? response.json() : response.text();
}

/** Every page of a list route: the node pages at most 100 rows. */
async function listAll(path, key) {
  const rows = [];
  let after = 0;
  do {
    const page = await api('GET', `${path}?limit=${LIST_LIMIT}&after=${after}`);
    rows.push(...page[key]);
    after = page.next;
  } while (after !== null && after !== undefined);
  return rows;
}

// ---------- small helpers ----------

const $ = selector => document.querySelector(selector);
const esc = value => String(value ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
const fmt = n => Number(n).toLocaleString(lang());
const yuan = fen => (Number(fen) / 100).toLocaleString(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = x => (100 * x).toFixed(1) + '%';
const when = ms => new Date(ms).toLocaleString(lang(), { hour12: false });
const localInput = ms => { const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000); return d.toISOString().slice(0, 16); };
const fromLocalInput = text => new Date(text).getTime();

function countdown(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map(x => String(x).padStart(2, '0')).join(':');
  return s >= 86400 ? `${Math.floor(s / 86400)}d ${hms}` : hms;
}

function table(headers, rows, id) {
  const head = headers.map(h => `<th class="${h.num ? 'num' : ''}">${esc(t(h.key))}</th>`).join('');
  const body = rows.map(r => '<tr>' + r.map((cell, i) =>
    `<td class="${headers[i].num ? 'num' : ''}">${cell}</td>`).join('') + '</tr>').join('');
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}" class="muted">${esc(t('none'))}</td></tr>`}</tbody></table>`;
}

function showError(where, error) {
  const box = typeof where === 'string' ? $(where) : where;
  if (box) box.textContent = error instanceof ApiError ? error.message : String(error);
}

/** A form's submit runs the action; its errors are shown under the form and nothing else changes. */
function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const errors = form.querySelector('.error');
    errors.textContent = '';
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try { await action(new FormData(form)); } catch (e) { showError(errors, e); } finally { button.disabled = false; }
  });
}

/** Downloads what a GET returns as a file: the token goes in a header, so a plain link cannot. */
async function download(path, filename) {
  const text = await api('GET', path, undefined, 'text/csv');
  saveFile(filename, text, 'text/csv;charset=utf-8');
}

function saveFile(filename, text, type) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

function lineChart(element, title, xs, series) {
  const width = Math.max(280, element.clientWidth || 600);
  const chart = new uPlot({
    title, width, height: 200,
    scales: { x: { time: true } },
    series: [{}, ...series.map(s => ({ label: s.label, stroke: s.color, width: 2 }))],
    axes: [{}, { size: 70 }],
  }, [xs, ...series.map(s => s.values)], element);
  state.charts.push(chart);
}

// ---------- sign-in, navigation, refresh ----------

function signedIn() {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

function renderSignIn(message) {
  $('#bar').hidden = true;
  $('#main').innerHTML = `<section class="card" id="signin">
    <h1>${esc(t('signIn.title'))}</h1>
    <p class="muted">${esc(t('signIn.help'))}</p>
    <form id="signin-form"><label>${esc(t('signIn.token'))}<textarea id="token" name="token" rows="4" required></textarea></label>
    <div class="actions"><button type="submit" id="sign-in">${esc(t('signIn.button'))}</button></div>
    <div class="error">${esc(message || '')}</div></form></section>`;
  onSubmit($('#signin-form'), async data => {
    sessionStorage.setItem(TOKEN_KEY, data.get('token').trim());
    try {
      await api('GET', '/api/campaigns?limit=1');
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      throw e.status === 403 ? new Error(t('signIn.notAdmin')) : e;
    }
    location.hash = '#/overview';
    route();
  });
}

function stopRefresh() {
  clearInterval(state.timer);
  state.refresh = null;
  state.charts.forEach(c => c.destroy());
  state.charts = [];
}

/**
 * Runs now and every second until the page changes; a failed refresh says so and tries again.
 * Resolves when the first run has drawn the page.
 */
function every(refresh) {
  state.refresh = refresh;
  const run = async () => {
    if (state.refresh !== refresh) return;
    try { await refresh(); $('#refresh-error') && ($('#refresh-error').textContent = ''); }
    catch (e) { if (e.status === 401) return signOut(t('signIn.expired')); showError('#refresh-error', e); }
  };
  state.timer = setInterval(run, REFRESH_MS);
  return run();
}

function signOut(message) {
  stopRefresh();
  sessionStorage.removeItem(TOKEN_KEY);
  renderSignIn(message);
}

const pages = [
  [/^#\/overview$/, overviewPage],
  [/^#\/campaigns$/, campaignsPage],
  [/^#\/campaigns\/(\d+)$/, campaignPage],
  [/^#\/races$/, racesPage],
  [/^#\/races\/(\d+)$/, racePage],
  [/^#\/venues$/, venuesPage],
  [/^#\/venues\/(\d+)$/, venuePage],
];

async function route() {
  stopRefresh();
  if (!signedIn()) return renderSignIn();
  $('#bar').hidden = false;
  const hash = location.hash || '#/overview';
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  const [pattern, page] = pages.find(([p]) => p.test(hash)) || [/^/, overviewPage];
  $('#main').innerHTML = '';
  try {
    await page(hash.match(pattern)[1]);
    // When the page's first figures are drawn: what the page-load measurement reads.
    performance.mark('startline:page-drawn', { detail: hash });
  } catch (e) {
    if (e.status === 401) return signOut(t('signIn.expired'));
    $('#main').innerHTML = `<div class="error" id="page-error"></div>`;
    showError('#page-error', e);
  }
}

// ---------- the overview ----------

/** The p99 of a Prometheus histogram's buckets, from the difference between two readings. */
function histogramP99(now, before) {
  const buckets = Object.keys(now).map(le => [le === '+Inf' ? Infinity : Number(le), now[le] - ((before || {})[le] || 0)])
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.length ? buckets[buckets.length - 1][1] : 0;
  if (total <= 0) return null;
  const rank = 0.99 * total;
  const bucket = buckets.find(([, count]) => count >= rank);
  return bucket[0];
}

function claimBuckets(metricsText) {
  const buckets = {};
  const pattern = /^startline_http_request_duration_seconds_bucket\{route="POST \/api\/campaigns\/\{campaignId\}\/claims",le="([^"]+)"\} (\S+)$/gm;
  for (const [, le, count] of metricsText.matchAll(pattern)) buckets[le] = Number(count);
  return buckets;
}

async function overviewPage() {
  $('#main').innerHTML = `<h1>${esc(t('overview.title'))}</h1><div class="error" id="refresh-error"></div>
    <section class="card" id="node"></section>
    <section class="card"><h2>${esc(t('overview.drops'))}</h2><div id="drops"></div></section>
    <section class="card"><h2>${esc(t('overview.races'))}</h2><div id="races"></div></section>
    <section class="card"><h2>${esc(t('overview.venues'))}</h2><div id="venues"></div></section>`;
  const previous = { claimed: {}, at: 0, buckets: null };
  await every(async () => {
    const [health, metrics, campaigns, races, venues] = await Promise.all([
      fetch('/health').then(r => r.json()), fetch('/metrics').then(r => r.text()),
      listAll('/api/campaigns', 'campaigns'), listAll('/api/races', 'races'), listAll('/api/venues', 'venues')]);
    const now = Date.now();
    const buckets = claimBuckets(metrics);
    const p99 = histogramP99(buckets, previous.buckets);
    previous.buckets = buckets;
    $('#node').innerHTML = `<div class="figures">
      ${figure(t('overview.health'), `<span id="health" class="status-${esc(health.status)}">${esc(health.status)}</span>`)}
      ${figure(t('overview.role'), esc(health.role))}
      ${figure(t('overview.sequence'), fmt(health.sequence))}
      ${figure(t('overview.claimsP99'), p99 === null ? '–' : p99 === Infinity ? '> 1 s' : `≤ ${fmt(p99 * 1000)} ms`)}</div>`;
    await overviewDrops(campaigns, previous, now);
    await overviewRaces(races);
    await overviewVenues(venues);
    previous.at = now;
  });
}

function figure(label, value, id) {
  return `<div class="figure"${id ? ` id="${id}"` : ''}><b>${value}</b><span>${esc(label)}</span></div>`;
}

async function overviewDrops(campaigns, previous, now) {
  const lists = await Promise.all(campaigns.map(c => api('GET', `/api/campaigns/${c.campaignId}/drops`).then(d => [c, d])));
  const rows = [];
  for (const [campaign, list] of lists) {
    for (const d of list.drops) {
      const key = `${campaign.campaignId}/${d.dropId}`;
      const before = previous.claimed[key];
      const perSecond = before === undefined || !previous.at ? 0 : (d.claimed - before) * 1000 / (now - previous.at);
      previous.claimed[key] = d.claimed;
      rows.push([`<a href="#/campaigns/${campaign.campaignId}">${esc(campaign.name)}</a>`, d.dropId, esc(d.tierCode),
        dropStatus(d, list.nowMs), `<span data-drop="${key}" class="claimed">${fmt(d.claimed)}</span>`,
        fmt(Math.round(perSecond)), `<span class="stock">${fmt(d.stockLeft)}</span>`, fmt(d.quantity)]);
    }
  }
  $('#drops').innerHTML = table([{ key: 'campaign' }, { key: 'drop', num: true }, { key: 'tier' }, { key: 'status' },
    { key: 'claimed', num: true }, { key: 'claimsPerSecond', num: true }, { key: 'stockLeft', num: true },
    { key: 'quantity', num: true }], rows, 'drops-table');
}

function dropStatus(drop, nowMs) {
  const label = `<span class="status-${drop.status}">${esc(t('dropStatus.' + drop.status))}</span>`;
  if (drop.status === 'SCHEDULED') return `${label} <span class="countdown">${t('opensIn')} ${countdown(drop.startsAt - nowMs)}</span>`;
  if (drop.status === 'OPEN') return `${label} <span class="countdown">${t('closesIn')} ${countdown(drop.closesAt - nowMs)}</span>`;
  return label;
}

const ENTRY_STATUSES = ['APPLIED', 'WON', 'CONFIRMED', 'WAITLISTED', 'LAPSED', 'WITHDRAWN', 'NOT_SELECTED'];

async function overviewRaces(races) {
  const details = await Promise.all(races.map(r => api('GET', `/api/races/${r.raceId}`)));
  $('#races').innerHTML = table([{ key: 'race' }, { key: 'registration' }, ...ENTRY_STATUSES.map(s => ({ key: 'entry.' + s, num: true }))],
    details.map(race => {
      const totals = Object.fromEntries(ENTRY_STATUSES.map(s => [s, race.categories.reduce((sum, c) => sum + c.counts[s], 0)]));
      return [`<a href="#/races/${race.raceId}">${esc(race.name)}</a>`, esc(raceStage(race)), ...ENTRY_STATUSES.map(s => fmt(totals[s]))];
    }));
}

function raceStage(race) {
  if (race.drawn) return t('race.drawn');
  if (race.closed) return t('race.closed');
  return Date.now() < race.registrationOpensAt ? t('race.notOpen') : t('race.open');
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const TAKEN = ['HELD', 'BOOKED', 'CHECKED_IN', 'NO_SHOW'];

function slotCounts(availability) {
  const counts = { FREE: 0, HELD: 0, BOOKED: 0, NOT_RELEASED: 0, PAST: 0, CHECKED_IN: 0, NO_SHOW: 0 };
  availability.resources.forEach(r => r.slots.forEach(s => counts[s.status]++));
  return counts;
}

/** Slots taken (held, booked, checked in or not shown) of those released: started free slots count as offered. */
function occupancy(c) {
  const taken = TAKEN.reduce((sum, s) => sum + c[s], 0);
  const offered = taken + c.FREE + c.PAST;
  return offered ? pct(taken / offered) : '–';
}

async function overviewVenues(venues) {
  const date = today();
  const grids = await Promise.all(venues.map(v => api('GET', `/api/venues/${v.venueId}/day?date=${date}`).then(a => [v, a])));
  $('#venues').innerHTML = table([{ key: 'venue' }, { key: 'date' }, { key: 'slot.FREE', num: true }, { key: 'slot.HELD', num: true },
    { key: 'slot.BOOKED', num: true }, { key: 'slot.CHECKED_IN', num: true }, { key: 'slot.NO_SHOW', num: true },
    { key: 'occupancy', num: true }],
    grids.map(([venue, a]) => {
      const c = slotCounts(a);
      return [`<a href="#/venues/${venue.venueId}">${esc(venue.name)}</a>`, date, fmt(c.FREE), fmt(c.HELD), fmt(c.BOOKED),
        fmt(c.CHECKED_IN), fmt(c.NO_SHOW), occupancy(c)];
    }));
}

// ---------- campaigns ----------

async function campaignsPage() {
  const campaigns = await listAll('/api/campaigns', 'campaigns');
  const inAMonth = Date.now() + 30 * 86400000;
  $('#main').innerHTML = `<h1>${esc(t('campaigns.title'))}</h1>
    <section class="card">${table([{ key: 'id', num: true }, { key: 'name' }, { key: 'budget', num: true },
      { key: 'budgetLeft', num: true }, { key: 'drops', num: true }, { key: 'validUntil' }],
      campaigns.map(c => [c.campaignId, `<a href="#/campaigns/${c.campaignId}">${esc(c.name)}</a>`, yuan(c.budgetFen),
        yuan(c.budgetLeftFen), c.drops, when(c.validUntil)]), 'campaigns-table')}</section>
    <section class="card"><h2>${esc(t('campaigns.create'))}</h2>
    <form id="campaign-form" class="grid">
      <label>${esc(t('name'))}<input name="name" required maxlength="200"></label>
      <label>${esc(t('budgetFen'))}<input name="budgetFen" type="number" min="1" required value="1000000"></label>
      <label>${esc(t('validDaysAfterClaim'))}<input name="validDaysAfterClaim" type="number" min="1" max="3660" value="7" required></label>
      <label>${esc(t('validUntil'))}<input name="validUntil" type="datetime-local" value="${localInput(inAMonth)}" required></label>
      <label>${esc(t('perUserLimit'))}<input name="perUserLimit" type="number" min="1" value="1" required></label>
      <label>${esc(t('tiers'))}<textarea name="tiers" rows="3" required>T50,5000,20000\nT20,2000,8000</textarea></label>
      <label>${esc(t('storeIds'))}<input name="storeIds" required value="101,102"></label>
      <div class="actions"><button type="submit">${esc(t('create'))}</button></div>
      <div class="error"></div></form></section>`;
  onSubmit($('#campaign-form'), async data => {
    const tiers = data.get('tiers').split('\n').map(l => l.trim()).filter(Boolean).map(line => {
      const [code, faceValueFen, thresholdFen] = line.split(',').map(s => s.trim());
      return { code, faceValueFen: Number(faceValueFen), thresholdFen: Number(thresholdFen) };
    });
    const created = await api('POST', '/api/campaigns', {
      name: data.get('name'), budgetFen: Number(data.get('budgetFen')),
      validDaysAfterClaim: Number(data.get('validDaysAfterClaim')), validUntil: fromLocalInput(data.get('validUntil')),
      perUserLimit: Number(data.get('perUserLimit')), tiers,
      storeIds: data.get('storeIds').split(',').map(s => Number(s.trim())),
    });
    location.hash = `#/campaigns/${created.campaignId}`;
  });
}

async function campaignPage(id) {
  const [campaigns, stats] = await Promise.all([listAll('/api/campaigns', 'campaigns'), api('GET', `/api/campaigns/${id}/stats`)]);
  const campaign = campaigns.find(c => String(c.campaignId) === id);
  $('#main').innerHTML = `<h1 id="campaign-name">${esc(campaign.name)}</h1><div class="error" id="refresh-error"></div>
    <section class="card" id="campaign-figures"></section>
    <section class="card"><h2>${esc(t('drops'))}</h2><div id="campaign-drops"></div>
      <h2>${esc(t('drops.create'))}</h2>
      <form id="drop-form" class="grid">
        <label>${esc(t('tier'))}<input name="tierCode" list="tier-codes" required pattern="[A-Za-z0-9_-]{1,16}">
          <datalist id="tier-codes">${stats.byTier.map(r => `<option>${esc(r.tierCode)}</option>`).join('')}</datalist></label>
        <label>${esc(t('quantity'))}<input name="quantity" type="number" min="1" value="100" required></label>
        <label>${esc(t('startsAt'))}<input name="startsAt" type="datetime-local" value="${localInput(Date.now() + 60000)}" required></label>
        <label>${esc(t('endsAt'))}<input name="endsAt" type="datetime-local"></label>
        <label>${esc(t('perUserLimit'))}<input name="perUserLimit" type="number" min="1" value="1" required></label>
        <div class="actions"><button type="submit">${esc(t('create'))}</button></div>
        <div class="error"></div></form></section>
    <section class="card"><h2>${esc(t('overTime'))}</h2><div id="chart-claims" class="chart"></div><div id="chart-money" class="chart"></div></section>
    <section class="card"><h2>${esc(t('byDrop'))}</h2><div id="by-drop"></div><h2>${esc(t('byTier'))}</h2><div id="by-tier"></div>
      <h2>${esc(t('byStore'))}</h2><div id="by-store"></div>
      <div class="actions"><button type="button" id="settlement" class="secondary">${esc(t('settlement'))}</button></div>
      <div class="error" id="settlement-error"></div></section>`;
  onSubmit($('#drop-form'), async data => {
    const body = { tierCode: data.get('tierCode'), quantity: Number(data.get('quantity')),
      startsAt: fromLocalInput(data.get('startsAt')), perUserLimit: Number(data.get('perUserLimit')) };
    if (data.get('endsAt')) body.endsAt = fromLocalInput(data.get('endsAt'));
    await api('POST', `/api/campaigns/${id}/drops`, body);
    $('#drop-form').reset();
  });
  // Before a drop opens it may be cancelled: its reserved value returns to the budget left.
  $('#campaign-drops').addEventListener('click', event => {
    const button = event.target.closest('.cancel-drop');
    if (button && confirm(t('drops.cancelConfirm'))) {
      api('POST', `/api/campaigns/${id}/drops/${button.dataset.drop}/cancel`).catch(e => showError('#refresh-error', e));
    }
  });
  $('#settlement').addEventListener('click', () =>
    download(`/api/campaigns/${id}/settlement?format=csv`, `settlement-campaign-${id}.csv`).catch(e => showError('#settlement-error', e)));
  await drawSeries(id);
  await every(async () => {
    const [s, drops] = await Promise.all([api('GET', `/api/campaigns/${id}/stats`), api('GET', `/api/campaigns/${id}/drops`)]);
    $('#campaign-figures').innerHTML = `<div class="figures">
      ${figure(t('budget'), yuan(s.budgetFen))}${figure(t('budgetLeft'), yuan(s.budgetLeftFen))}
      ${figure(t('claimed'), fmt(s.claimed), 'figure-claimed')}${figure(t('redeemed'), fmt(s.redeemed))}
      ${figure(t('redemptionRate'), pct(s.redemptionRate))}${figure(t('subsidyPaid'), yuan(s.subsidyPaidFen))}
      ${figure(t('consumerSpend'), yuan(s.consumerSpendFen))}${figure(t('leverage'), s.leverage.toFixed(2))}</div>`;
    $('#campaign-drops').innerHTML = table([{ key: 'drop', num: true }, { key: 'tier' }, { key: 'faceValue', num: true },
      { key: 'status' }, { key: 'startsAt' }, { key: 'closesAt' }, { key: 'claimed', num: true }, { key: 'stockLeft', num: true },
      { key: 'actions' }],
      drops.drops.map(d => [d.dropId, esc(d.tierCode), yuan(d.faceValueFen), dropStatus(d, drops.nowMs), when(d.startsAt),
        when(d.closesAt), fmt(d.claimed), fmt(d.stockLeft), d.status === 'SCHEDULED' ?
          `<button type="button" class="link cancel-drop" data-drop="${d.dropId}">${esc(t('drops.cancel'))}</button>` : '']),
      'campaign-drops-table');
    $('#by-drop').innerHTML = breakdown('drop', s.byDrop.map(r => [r.dropId, r]));
    $('#by-tier').innerHTML = breakdown('tier', s.byTier.map(r => [esc(r.tierCode), r]));
    $('#by-store').innerHTML = breakdown('store', s.byStore.map(r => [r.storeId, r]));
  });
}

function breakdown(keyName, rows) {
  return table([{ key: keyName }, { key: 'issued', num: true }, { key: 'claimed', num: true }, { key: 'redeemed', num: true },
    { key: 'redemptionRate', num: true }, { key: 'subsidyPaid', num: true }, { key: 'consumerSpend', num: true }, { key: 'leverage', num: true }],
    rows.map(([key, r]) => [key, fmt(r.issued), fmt(r.claimed), fmt(r.redeemed), pct(r.redemptionRate), yuan(r.subsidyPaidFen),
      yuan(r.consumerSpendFen), r.leverage.toFixed(2)]));
}

/** Claims and redemptions, subsidy and spend over the last 24 hours, from the node's per-minute series. */
async function drawSeries(id) {
  const series = await api('GET', `/api/campaigns/${id}/series`);
  const points = series.points;
  if (points.length === 0) {
    $('#chart-claims').innerHTML = `<p class="muted">${esc(t('series.empty'))}</p>`;
    $('#chart-money').remove();
    return;
  }
  const xs = points.map(p => p.atMs / 1000);
  lineChart($('#chart-claims'), t('chart.counts'), xs, [
    { label: t('claimed'), color: '#0b63ce', values: points.map(p => p.claimed) },
    { label: t('redeemed'), color: '#067647', values: points.map(p => p.redeemed) }]);
  lineChart($('#chart-money'), t('chart.money'), xs, [
    { label: t('subsidyPaid'), color: '#b54708', values: points.map(p => p.subsidyPaidFen / 100) },
    { label: t('consumerSpend'), color: '#6941c6', values: points.map(p => p.consumerSpendFen / 100) }]);
}

// ---------- races ----------

function raceTemplate() {
  const now = Date.now();
  return JSON.stringify({
    name: 'Spring 10K', raceDate: new Date(now + 90 * 86400000).toISOString().slice(0, 10), mode: 'LOTTERY',
    registrationOpensAt: now, registrationClosesAt: now + 7 * 86400000, paymentWindowMs: 3 * 86400000, maxGroupSize: 4,
    categories: [{ code: '10K', name: '10 km', capacity: 5000, feeFen: 8000, minAge: 16, maxAge: 80, bibFrom: 1 }],
  }, null, 2);
}

async function racesPage() {
  const races = await listAll('/api/races', 'races');
  $('#main').innerHTML = `<h1>${esc(t('races.title'))}</h1>
    <section class="card">${table([{ key: 'id', num: true }, { key: 'name' }, { key: 'raceDate' }, { key: 'mode' },
      { key: 'registrationOpensAt' }, { key: 'registrationClosesAt' }, { key: 'drawn' }],
      races.map(r => [r.raceId, `<a href="#/races/${r.raceId}">${esc(r.name)}</a>`, esc(r.raceDate), esc(r.mode),
        when(r.registrationOpensAt), when(r.registrationClosesAt), r.drawn ? '✓' : '']), 'races-table')}</section>
    <section class="card"><h2>${esc(t('races.create'))}</h2><p class="muted">${esc(t('races.createHelp'))}</p>
      <form id="race-form"><textarea name="race" id="race-json" rows="14">${esc(raceTemplate())}</textarea>
      <div class="actions"><button type="submit">${esc(t('create'))}</button></div><div class="error"></div></form></section>`;
  onSubmit($('#race-form'), async data => {
    const created = await api('POST', '/api/races', JSON.parse(data.get('race')));
    location.hash = `#/races/${created.raceId}`;
  });
}

/** The race file an auditor's verifier reads (docs/ballot-audit.md): its id and categories with capacity and pools. */
function auditRaceFile(race, seed) {
  const categories = Object.fromEntries(race.categories.map(c => [c.code, { capacity: c.capacity, pools: c.pools }]));
  return JSON.stringify({ raceId: race.raceId, seed: seed || undefined, categories }, null, 2);
}

async function racePage(id) {
  $('#main').innerHTML = `<h1 id="race-name"></h1><div class="error" id="refresh-error"></div>
    <section class="card" id="race-summary"></section>
    <section class="card"><h2>${esc(t('ballot'))}</h2><div id="ballot"></div>
      <form id="draw-form" class="grid"><label>${esc(t('seed'))}<input name="seed" id="seed" pattern="([0-9A-Fa-f]{2}){1,64}" required></label>
        <div class="actions"><button type="submit" id="draw">${esc(t('draw'))}</button></div><div class="error"></div></form>
      <div class="actions">
        <button type="button" class="secondary" id="download-race">race.json</button>
        <button type="button" class="secondary" id="download-entry-list">entry-list.csv</button>
        <button type="button" class="secondary" id="download-results">results.csv</button>
        <button type="button" class="secondary" id="close-waitlist">${esc(t('closeWaitlist'))}</button></div>
      <div class="error" id="race-action-error"></div></section>
    <section class="card"><h2>${esc(t('entitlements'))}</h2><p class="muted">${esc(t('entitlements.help'))}</p>
      <form id="entitlements-form" class="grid">
        <label>${esc(t('entitlements.file'))}<input type="file" name="file" id="entitlements-file" accept=".csv,.txt" required></label>
        <label>${esc(t('pool'))}<input name="pool" id="entitlements-pool"></label>
        <label>${esc(t('weight'))}<input name="weight" type="number" min="1"></label>
        <div class="actions"><button type="submit" id="upload-entitlements">${esc(t('upload'))}</button></div>
        <div class="error"></div><div class="ok" id="entitlements-result"></div></form></section>`;
  let race = null;
  let ballot = null;
  onSubmit($('#draw-form'), async data => { await api('POST', `/api/races/${id}/draw`, { seed: data.get('seed') }); });
  onSubmit($('#entitlements-form'), async data => {
    const personIds = (await data.get('file').text()).split(/[\r\n,]+/).map(s => s.trim()).filter(s => s && !/^person/i.test(s));
    const body = { personIds };
    if (data.get('pool')) body.pool = data.get('pool');
    if (data.get('weight')) body.weight = Number(data.get('weight'));
    const granted = await api('POST', `/api/races/${id}/entitlements`, body);
    $('#entitlements-result').textContent = `${t('entitlements.done')} ${fmt(granted.persons)}`;
  });
  const act = action => action().catch(e => showError('#race-action-error', e));
  $('#download-race').addEventListener('click', () => act(async () => saveFile(`race-${id}.json`, auditRaceFile(race, ballot && ballot.seed), 'application/json')));
  $('#download-entry-list').addEventListener('click', () => act(() => download(`/api/races/${id}/entry-list?format=csv`, `entry-list-${id}.csv`)));
  $('#download-results').addEventListener('click', () => act(() => download(`/api/races/${id}/results?format=csv`, `results-${id}.csv`)));
  $('#close-waitlist').addEventListener('click', () => act(() => api('POST', `/api/races/${id}/waitlist/close`)));
  await every(async () => {
    [race, ballot] = await Promise.all([api('GET', `/api/races/${id}`), api('GET', `/api/races/${id}/ballot`)]);
    $('#race-name').textContent = race.name;
    $('#race-summary').innerHTML = `<p>${esc(race.raceDate)} · ${esc(race.mode)} · ${esc(raceStage(race))} ·
      ${esc(t('registration'))} ${when(race.registrationOpensAt)} – ${when(race.registrationClosesAt)}</p>` +
      table([{ key: 'category' }, { key: 'capacity', num: true }, ...ENTRY_STATUSES.map(s => ({ key: 'entry.' + s, num: true }))],
        race.categories.map(c => [esc(c.code), fmt(c.capacity), ...ENTRY_STATUSES.map(s => fmt(c.counts[s]))]), 'race-counts');
    $('#ballot').innerHTML = `<div class="figures">${figure(t('ballot.entries'), fmt(ballot.entries), 'ballot-entries')}
      ${figure(t('ballot.state'), esc(ballot.drawn ? t('race.drawn') : ballot.closed ? t('race.closed') : t('race.open')), 'ballot-state')}</div>
      <p>${esc(t('ballot.hash'))}: <span class="mono" id="entry-list-hash">${esc(ballot.entryListHash || '–')}</span></p>
      <p>${esc(t('seed'))}: <span class="mono" id="ballot-seed">${esc(ballot.seed || '–')}</span></p>`;
    $('#draw-form').hidden = !ballot.closed || ballot.drawn;
  });
}

// ---------- venues ----------

function venueTemplate() {
  return JSON.stringify({
    name: 'Harbour Tennis Club', utcOffsetMinutes: 480, opensMinuteOfDay: 480, closesMinuteOfDay: 1320, slotMinutes: 60,
    priceFen: 6000, releaseDaysAhead: 7, releaseMinuteOfDay: 0, maxSlotsPerUserPerDay: 2, holdTimeoutMs: 600000,
    cancelCutoffMs: 86400000, checkInEarlyMs: 900000, checkInLateMs: 900000, noShowStrikesForBan: 3, banDays: 30,
    resources: [{ code: 'T1', name: 'Court 1' }, { code: 'T2', name: 'Court 2' }],
  }, null, 2);
}

async function venuesPage() {
  const venues = await listAll('/api/venues', 'venues');
  $('#main').innerHTML = `<h1>${esc(t('venues.title'))}</h1>
    <section class="card">${table([{ key: 'id', num: true }, { key: 'name' }, { key: 'resources', num: true },
      { key: 'slotMinutes', num: true }, { key: 'price', num: true }, { key: 'releaseDaysAhead', num: true }],
      venues.map(v => [v.venueId, `<a href="#/venues/${v.venueId}">${esc(v.name)}</a>`, v.resources, v.slotMinutes,
        yuan(v.priceFen), v.releaseDaysAhead]), 'venues-table')}</section>
    <section class="card"><h2>${esc(t('venues.create'))}</h2>
      <form id="venue-form"><textarea name="venue" rows="12">${esc(venueTemplate())}</textarea>
      <div class="actions"><button type="submit">${esc(t('create'))}</button></div><div class="error"></div></form></section>`;
  onSubmit($('#venue-form'), async data => {
    const created = await api('POST', '/api/venues', JSON.parse(data.get('venue')));
    location.hash = `#/venues/${created.venueId}`;
  });
}

async function venuePage(id) {
  const venue = (await listAll('/api/venues', 'venues')).find(v => String(v.venueId) === id);
  $('#main').innerHTML = `<h1>${esc(venue.name)}</h1><div class="error" id="refresh-error"></div>
    <section class="card"><form class="grid" id="date-form"><label>${esc(t('date'))}<input type="date" id="grid-date" value="${today()}"></label></form>
      <p class="legend">${['FREE', ...TAKEN, 'NOT_RELEASED', 'PAST'].map(s => `<span class="slot-${s}">${esc(t('slot.' + s))}</span>`).join('')}</p>
      <div id="grid-figures"></div><div id="grid"></div></section>`;
  await every(async () => {
    const a = await api('GET', `/api/venues/${id}/day?date=${$('#grid-date').value}`);
    const c = slotCounts(a);
    $('#grid-figures').innerHTML = `<div class="figures">${figure(t('slot.FREE'), fmt(c.FREE))}
      ${figure(t('slot.HELD'), fmt(c.HELD), 'held-count')}${figure(t('slot.BOOKED'), fmt(c.BOOKED), 'booked-count')}
      ${figure(t('slot.CHECKED_IN'), fmt(c.CHECKED_IN), 'checked-in-count')}${figure(t('slot.NO_SHOW'), fmt(c.NO_SHOW), 'no-show-count')}
      ${figure(t('occupancy'), occupancy(c))}</div>`;
    const columns = (a.resources[0] || { slots: [] }).slots;
    const times = columns.map(s => new Date(s.startAt).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit', hour12: false }));
    const perSlot = columns.map((_, i) => a.resources.filter(r => TAKEN.includes(r.slots[i].status)).length / a.resources.length);
    $('#grid').innerHTML = `<table class="slots"><thead><tr><th></th>${times.map(h => `<th>${h}</th>`).join('')}</tr></thead><tbody>` +
      a.resources.map(r => `<tr><th>${esc(r.code)}</th>${r.slots.map(s =>
        `<td class="slot-${s.status}" data-status="${s.status}" title="${esc(t('slot.' + s.status))} ${when(s.startAt)}"></td>`).join('')}</tr>`).join('') +
      `<tr class="occupancy"><th>${esc(t('occupancy'))}</th>${perSlot.map(x => `<td>${Math.round(100 * x)}%</td>`).join('')}</tr>` +
      '</tbody></table>';
  });
}

// ---------- start ----------

$('#sign-out').addEventListener('click', () => signOut());
$('#language').addEventListener('click', () => { toggleLanguage(); translateStatic(); route(); });
window.addEventListener('hashchange', route);
translateStatic();
route();
