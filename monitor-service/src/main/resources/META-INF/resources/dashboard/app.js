// papertrader dashboard: plain ES module, relative URLs only (the same behind ./papertrader up's gateway and the
// Kubernetes ingress). REST calls carry the token as a bearer header; the alerts WebSocket carries it in the
// subprotocol Quarkus reads (quarkus-http-upgrade#Authorization#Bearer <token>), as browsers cannot set headers on it.
const TOKEN_KEY = 'papertrader.token';
const ALERT_TYPES = ['signal', 'decision', 'risk-breach', 'order-status', 'fill', 'portfolio', 'feed-status'];
const MAX_ALERTS = 200;
const MAX_FILLS = 50;

const $ = (selector) => document.querySelector(selector);
const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  account: null,
  equity: { times: [], values: [] },
  fillIds: new Set(),
  socket: null,
  reconnectTimer: null,
  refreshTimer: null,
  shownTypes: new Set(ALERT_TYPES),
  charts: {},
};

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${state.token}`, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401) throw new Unauthorized('the token was refused (expired, or not signed by this installation)');
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch (ignored) { /* not JSON */ }
    throw new Error(`${options.method || 'GET'} ${path}: ${detail}`);
  }
  const type = response.headers.get('content-type') || '';
  return type.includes('json') ? response.json() : response.text();
}

// ---- formatting
const number = (value, digits = 2) => (value === null || value === undefined ? '' :
  Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const quantity = (value) => (value === null || value === undefined ? '' : Number(value).toLocaleString('en-US', { maximumFractionDigits: 6 }));
const day = (iso) => (iso ? iso.replace('T00:00:00Z', '').replace('T', ' ').replace('Z', '') : '');
function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

// ---- login
async function login(token) {
  state.token = token.trim();
  try {
    await api('/api/monitor/feed');
  } catch (error) {
    state.token = null;
    $('#login-error').textContent = error instanceof Unauthorized ? error.message : `cannot reach the monitor: ${error.message}`;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('#login-error').textContent = '';
  await showDashboard();
}

function logout(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
  clearTimeout(state.reconnectTimer);
  clearInterval(state.refreshTimer);
  $('#dashboard-view').hidden = true;
  $('#logout').hidden = true;
  $('#account-label').hidden = true;
  $('#login-view').hidden = false;
  setConnection('offline');
  $('#login-error').textContent = message || '';
}

function failed(error) {
  if (error instanceof Unauthorized) { logout(error.message); return; }
  $('#control-error').textContent = error.message;
  console.error(error);
}

async function showDashboard() {
  $('#login-view').hidden = true;
  $('#dashboard-view').hidden = false;
  $('#logout').hidden = false;
  try {
    const accounts = await api('/api/portfolio/accounts');
    const select = $('#account');
    select.replaceChildren(...accounts.map((account) => new Option(account.accountId, account.accountId)));
    state.account = accounts.some((a) => a.accountId === 'default') ? 'default' : (accounts[0] || {}).accountId || 'default';
    select.value = state.account;
    $('#account-label').hidden = accounts.length < 2;
    await Promise.all([loadEquity(), loadPositions(), loadFills(), loadWatchlist(), loadRouter(), loadFeed(), loadReports()]);
  } catch (error) {
    failed(error);
    if (error instanceof Unauthorized) return;
  }
  connectAlerts();
  clearInterval(state.refreshTimer);
  // the feed's position and the router's state also change without an alert: refresh them now and then
  state.refreshTimer = setInterval(() => { Promise.all([loadRouter(), loadFeed()]).catch(failed); }, 10000);
}

// ---- equity and drawdown (uPlot)
function chart(id, label, stroke, values) {
  const element = $(id);
  const options = {
    width: Math.max(element.clientWidth, 300), height: element.classList.contains('small') ? 140 : 240,
    scales: { x: { time: true } },
    series: [{}, { label, stroke, width: 1.5, fill: `${stroke}22`, points: { show: false } }],
    axes: [{}, { size: 80 }],
    legend: { show: false },
  };
  if (state.charts[id]) state.charts[id].destroy();
  state.charts[id] = new uPlot(options, [state.equity.times, values], element);
}

/** Drawdown at each point: equity / (highest equity so far) - 1, in percent. */
function drawdowns(values) {
  let peak = -Infinity;
  return values.map((value) => { peak = Math.max(peak, value); return peak > 0 ? (value / peak - 1) * 100 : 0; });
}

function drawEquity() {
  chart('#equity-chart', 'equity', '#2e5aac', state.equity.values);
  const dd = drawdowns(state.equity.values);
  chart('#drawdown-chart', 'drawdown %', '#c4320a', dd);
  const last = state.equity.values[state.equity.values.length - 1];
  const maxDd = dd.length ? Math.min(...dd) : 0;
  $('#equity-figures').textContent = last === undefined ? 'no points yet'
    : `${number(last)} · max drawdown ${number(maxDd)} % · ${state.equity.values.length} points`;
}

async function loadEquity() {
  const times = [];
  const values = [];
  for (let page = 0; page < 20; page++) {
    const result = await api(`/api/portfolio/accounts/${encodeURIComponent(state.account)}/equity?size=10000&page=${page}`);
    for (const point of result.items) { times.push(Date.parse(point.time) / 1000); values.push(Number(point.equity)); }
    if (result.items.length < result.size) break;
  }
  state.equity = { times, values };
  drawEquity();
}

function addEquityPoint(snapshot) {
  const time = Date.parse(snapshot.asOf) / 1000;
  const { times, values } = state.equity;
  const last = times.length - 1;
  if (last >= 0 && time < times[last]) return;
  if (last >= 0 && time === times[last]) values[last] = Number(snapshot.equity);
  else { times.push(time); values.push(Number(snapshot.equity)); }
  drawEquity();
}

// ---- positions, fills
function showPositions(positions) {
  const body = $('#positions tbody');
  body.replaceChildren();
  for (const p of positions.filter((position) => Number(position.qty) !== 0)) {
    const row = body.insertRow();
    row.dataset.symbol = p.symbol;
    cell(row, p.symbol); cell(row, quantity(p.qty)); cell(row, number(p.avgCost)); cell(row, number(p.marketPrice));
    cell(row, number(p.marketValue)); cell(row, number(p.unrealizedPnl), Number(p.unrealizedPnl) < 0 ? 'SELL' : 'BUY');
  }
  if (!body.rows.length) cell(body.insertRow(), 'flat');
}

async function loadPositions() {
  showPositions(await api(`/api/portfolio/accounts/${encodeURIComponent(state.account)}/positions`));
}

function addFill(fill, live) {
  if (state.fillIds.has(fill.id)) return;
  state.fillIds.add(fill.id);
  const body = $('#fills tbody');
  const row = live ? body.insertRow(0) : body.insertRow();
  row.dataset.fillId = fill.id;
  if (live) { row.dataset.live = 'true'; row.className = 'live'; }
  cell(row, day(fill.filledAt)); cell(row, fill.symbol); cell(row, fill.side, fill.side); cell(row, quantity(fill.qty));
  cell(row, number(fill.price)); cell(row, number(fill.fee));
  while (body.rows.length > MAX_FILLS) body.deleteRow(body.rows.length - 1);
}

async function loadFills() {
  const page = await api(`/api/orders/fills?account=${encodeURIComponent(state.account)}&size=${MAX_FILLS}`);
  $('#fills tbody').replaceChildren();
  state.fillIds.clear();
  page.items.forEach((fill) => addFill(fill, false));
}

// ---- watchlist and strategy toggles
async function loadWatchlist() {
  const entries = await api('/api/monitor/watchlist');
  const body = $('#watchlist tbody');
  body.replaceChildren();
  for (const entry of entries) {
    const row = body.insertRow();
    row.dataset.watchlistId = entry.id;
    cell(row, entry.symbol); cell(row, entry.timeframe); cell(row, entry.strategy);
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.checked = entry.enabled;
    toggle.dataset.watchlistId = entry.id;
    toggle.setAttribute('aria-label', `${entry.strategy} on ${entry.symbol}`);
    toggle.addEventListener('change', () => setEnabled(entry.id, toggle));
    row.insertCell().append(toggle);
  }
}

async function setEnabled(id, toggle) {
  toggle.disabled = true;
  try {
    const updated = await api(`/api/monitor/watchlist/${id}`, { method: 'PUT', body: { enabled: toggle.checked } });
    toggle.checked = updated.enabled;
    toggle.dataset.saved = String(updated.enabled);
  } catch (error) {
    toggle.checked = !toggle.checked;
    failed(error);
  } finally {
    toggle.disabled = false;
  }
}

// ---- kill switch, feed
async function loadRouter() {
  showRouter(await api('/api/router/status'));
}

function showRouter(status) {
  const text = status.halted ? `HALTED (${status.haltRule}): ${status.haltReason}` : 'trading';
  $('#router-status').textContent = `router: ${text}`;
  $('#halt-state').textContent = status.halted ? `Halted by ${status.haltRule}: ${status.haltReason}. Exits still pass.`
    : `Trading for account ${status.accountId}; ${status.openOrders.length} open order(s).`;
  $('#halt-state').dataset.halted = String(status.halted);
  $('#halt').disabled = status.halted;
  $('#resume').disabled = !status.halted;
}

async function control(path, body) {
  $('#control-error').textContent = '';
  try {
    const result = await api(path, { method: 'POST', body });
    if (path.startsWith('/api/router')) showRouter(result); else showFeed(result);
  } catch (error) { failed(error); }
}

async function loadFeed() {
  showFeed(await api('/api/monitor/feed'));
}

function showFeed(feed) {
  const where = feed.lastSliceTime ? `at ${day(feed.lastSliceTime)}` : 'not started';
  const what = feed.running ? 'running' : (feed.ended ? 'ended' : 'stopped');
  $('#feed-status').textContent = `feed: ${feed.type} ${what} ${where}`;
  $('#feed-detail').textContent = `${feed.type} feed ${what}, ${feed.slicesPublished} slices published ${where}, `
    + `${feed.speed || 'max'} slices/s, ${feed.runningStrategies} strategies running.`;
  $('#feed-start').disabled = feed.running;
  $('#feed-stop').disabled = !feed.running;
}

// ---- backtest reports
async function loadReports() {
  const reports = await api('/api/monitor/reports');
  const list = $('#reports');
  list.replaceChildren();
  for (const report of reports) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = report.name;
    link.addEventListener('click', (event) => { event.preventDefault(); openReport(report.name); });
    item.append(link);
    const summary = report.summary || {};
    const equity = summary.final_equity;
    item.append(` — ${day(report.modified)}${equity !== undefined ? ` · final equity ${number(equity)}` : ''}`);
    list.append(item);
  }
  if (!reports.length) {
    const item = document.createElement('li');
    item.textContent = 'none yet';
    list.append(item);
  }
}

async function openReport(name) {
  try {
    const frame = $('#report-frame');
    frame.srcdoc = await api(`/api/monitor/reports/${encodeURIComponent(name)}`);
    frame.hidden = false;
  } catch (error) { failed(error); }
}

// ---- live alerts
function setConnection(connection) {
  const badge = $('#connection');
  badge.dataset.state = connection;
  badge.textContent = connection;
}

function connectAlerts() {
  if (!state.token) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/ws/alerts?accounts=${encodeURIComponent(state.account)}`;
  const carrier = encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${state.token}`);
  const socket = new WebSocket(url, ['bearer-token-carrier', carrier]);
  state.socket = socket;
  setConnection('connecting');
  socket.onmessage = (message) => onAlert(JSON.parse(message.data));
  socket.onclose = (event) => {
    setConnection('offline');
    if (state.socket !== socket || !state.token) return;
    // a refused upgrade closes at once without a code of our own: check the token before trying again
    api('/api/monitor/feed').then(() => {
      state.reconnectTimer = setTimeout(connectAlerts, 2000);
    }, failed);
    if (event.code === 1008) $('#control-error').textContent = `alerts: ${event.reason}`;
  };
}

function onAlert(alert) {
  switch (alert.type) {
    case 'subscribed': setConnection('live'); break;
    case 'fill': addFill(alert.payload, true); break;
    case 'portfolio':
      if (alert.account === state.account) { addEquityPoint(alert.payload); showPositions(alert.payload.positions); }
      break;
    case 'feed-status': showFeed(alert.payload); break;
    case 'risk-breach': loadRouter().catch(failed); break;
    case 'dropped': $('#alerts-dropped').textContent = `${alert.payload.droppedTotal} dropped (the page read too slowly)`; break;
    default: break;
  }
  if (alert.type !== 'subscribed') showAlert(alert);
}

function describe(alert) {
  const p = alert.payload || {};
  switch (alert.type) {
    case 'signal': return `${p.strategy} ${p.type} ${p.symbol} @ ${number(p.price)}`;
    case 'decision':
    case 'risk-breach': return `${p.signalType} ${p.symbol} ${p.accepted ? 'accepted' : `rejected by ${p.rule}`}: ${p.reason}`;
    case 'order-status': return `${p.symbol} order ${p.status}${p.reason ? `: ${p.reason}` : ''}`;
    case 'fill': return `${p.side} ${quantity(p.qty)} ${p.symbol} @ ${number(p.price)}`;
    case 'portfolio': return `equity ${number(p.equity)}, cash ${number(p.cash)}, ${p.positions.length} position(s)`;
    case 'feed-status': return `${p.type} ${p.running ? 'running' : (p.ended ? 'ended' : 'stopped')}, ${p.slicesPublished} slices`;
    case 'dropped': return `${p.dropped} alerts dropped (${p.droppedTotal} in all)`;
    default: return JSON.stringify(p);
  }
}

function showAlert(alert) {
  const list = $('#alerts');
  const item = document.createElement('li');
  item.dataset.type = alert.type;
  item.hidden = alert.type !== 'dropped' && !state.shownTypes.has(alert.type);
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = alert.type;
  item.append(type, `${day(alert.time)} ${describe(alert)}`);
  list.prepend(item);
  while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
}

function typeChips() {
  const chips = $('#alert-types');
  for (const type of ALERT_TYPES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () => {
      if (box.checked) state.shownTypes.add(type); else state.shownTypes.delete(type);
      for (const item of document.querySelectorAll(`#alerts li[data-type="${type}"]`)) item.hidden = !box.checked;
    });
    label.append(box, ` ${type}`);
    chips.append(label);
  }
}

// ---- wiring
$('#login').addEventListener('submit', (event) => { event.preventDefault(); login($('#token').value); });
$('#logout').addEventListener('click', () => logout(''));
$('#halt').addEventListener('click', () => control('/api/router/halt', { reason: $('#halt-reason').value || 'halted from the dashboard' }));
$('#resume').addEventListener('click', () => control('/api/router/resume'));
$('#feed-start').addEventListener('click', () => {
  const speed = $('#feed-speed').value.trim();
  control(`/api/monitor/feed/start${speed ? `?speed=${encodeURIComponent(speed)}` : ''}`);
});
$('#feed-stop').addEventListener('click', () => control('/api/monitor/feed/stop'));
$('#account').addEventListener('change', (event) => {
  state.account = event.target.value;
  if (state.socket) { state.socket.onclose = null; state.socket.close(); }
  Promise.all([loadEquity(), loadPositions(), loadFills()]).then(connectAlerts, failed);
});
window.addEventListener('resize', () => { if (!$('#dashboard-view').hidden) drawEquity(); });
typeChips();
if (state.token) login(state.token); else $('#token').focus();
