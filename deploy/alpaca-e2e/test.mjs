// The Alpaca-compatible Trading API, end to end, through the official @alpacahq/alpaca-trade-api SDK (unmodified)
// pointed at the local stack's gateway: keys from ./papertrader keys create; account, clock and asset; a market buy
// filled from the next replayed bar and its trade_updates over the SDK's trade stream; positions; a limit order
// listed, replaced and canceled; a bracket order and its legs; lookup by client order id; portfolio history; closing
// the position; keys list and revoke. The tests run in order and build on each other (one account, one symbol).
//
// run.sh starts the stack and passes: PAPERTRADER_URL (the gateway), PAPERTRADER_TOKEN (a trader token for the
// monitor's feed and watchlist), PAPERTRADER_ROOT (the checkout, for ./papertrader), PAPERTRADER_DATA_DIR (the stack's
// data directory, whose key signs the keys command's call).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import Alpaca from '@alpacahq/alpaca-trade-api';

const base = process.env.PAPERTRADER_URL;
const token = process.env.PAPERTRADER_TOKEN;
const root = process.env.PAPERTRADER_ROOT;
const dataDir = process.env.PAPERTRADER_DATA_DIR;
for (const [name, value] of Object.entries({ PAPERTRADER_URL: base, PAPERTRADER_TOKEN: token, PAPERTRADER_ROOT: root, PAPERTRADER_DATA_DIR: dataDir })) {
  if (!value) throw new Error(`${name} is not set (run ./run.sh)`);
}

/** The bundled replay's only symbol (ReferenceRun: AAPL 2013 daily bars). */
const SYMBOL = 'AAPL';
/** Replay pace while the test trades (bars per second): an order fills from the next bar, about a second later. */
const FEED_SPEED = 1;
/** How long an order may take to fill or a stream event to arrive. */
const EVENT_TIMEOUT_MS = 30000;
/** Every client order id of this run starts with it, so a rerun on the same data never collides. */
const RUN = `e2e-${Date.now().toString(36)}`;

/** A papertrader (not Alpaca) call with the trader token: the feed and the watchlist. */
async function papertrader(path, options = {}) {
  const response = await fetch(base + path, {
    method: options.method || 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw new Error(`${options.method || 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** An SDK call's failure as "HTTP <status> <body>" (axios errors carry the response). */
function describeError(error) {
  return error.response ? `HTTP ${error.response.status} ${JSON.stringify(error.response.data)}` : String(error);
}

/** Awaits an SDK call that must fail with an Alpaca error body; returns {status, code, message}. */
async function alpacaError(promise) {
  try {
    const value = await promise;
    assert.fail(`expected an error, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (!error.response) throw error;
    return { status: error.response.status, code: error.response.data?.code, message: error.response.data?.message };
  }
}

/** Polls `probe` every 250 ms until it returns a truthy value; fails with `what` after `timeoutMs`. */
async function eventually(what, probe, timeoutMs = EVENT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = describeError(error);
    }
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms${last ? ` (last error: ${last})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Alpaca's decimal strings compared as numbers. */
function sameNumber(actual, expected, what) {
  assert.equal(typeof actual, 'string', `${what} must be a string, as Alpaca sends it (was ${JSON.stringify(actual)})`);
  assert.equal(Number(actual), Number(expected), `${what}: ${actual} != ${expected}`);
}

/** `./papertrader keys <args>` against the stack; its stdout. */
function keysCommand(...args) {
  return execFileSync(`${root}/papertrader`, ['keys', ...args, '--data-dir', dataDir, '--url', base],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** `./papertrader keys create` for the stack's default account: {APCA_API_KEY_ID, APCA_API_SECRET_KEY, APCA_API_BASE_URL}. */
function createKeys() {
  const output = keysCommand('create', '--account', 'default');
  return Object.fromEntries(output.trim().split('\n').map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
}

let keys;
let alpaca;
/** Every trade_updates message's data, in arrival order. */
const updates = [];

/** The first trade update of `event` for order `orderId` (waits for it). */
function update(event, orderId) {
  return eventually(`a trade_updates "${event}" for order ${orderId}`,
    () => updates.find((u) => u.event === event && u.order?.id === orderId));
}

before(async () => {
  keys = createKeys();
  alpaca = new Alpaca({ keyId: keys.APCA_API_KEY_ID, secretKey: keys.APCA_API_SECRET_KEY, paper: true, baseUrl: base });

  // the reference strategy trades the same account all-in: switch it off so only this test's orders trade
  for (const entry of await papertrader('/api/monitor/watchlist')) {
    if (entry.enabled) await papertrader(`/api/monitor/watchlist/${entry.id}`, { method: 'PUT', body: { enabled: false } });
  }

  // bars again, at a pace that fills an order about a second after it is placed; the Alpaca API answers once the
  // router has decided a slice ("market data has not started" before)
  await papertrader(`/api/monitor/feed/start?speed=${FEED_SPEED}`, { method: 'POST' });
  await eventually('the router to have market data (GET /v2/clock)', () => alpaca.getClock(), 60000);

  const stream = alpaca.trade_ws;
  const connected = new Promise((resolve, reject) => {
    stream.onConnect(() => {
      stream.subscribe(['trade_updates']);
      resolve();
    });
    stream.onError((error) => reject(new Error(`trade stream: ${error}`)));
  });
  stream.onOrderUpdate((data) => updates.push(data));
  stream.connect();
  await Promise.race([connected, new Promise((_, reject) =>
    setTimeout(() => reject(new Error('the trade stream did not authorize within 15 s')), 15000))]);
  // the listen acknowledgement is not surfaced by the SDK: give the subscription a moment to be in place
  await new Promise((resolve) => setTimeout(resolve, 500));
});

after(async () => {
  if (alpaca) {
    alpaca.trade_ws.session.reconnect = false;
    alpaca.trade_ws.disconnect();
  }
  await papertrader('/api/monitor/feed/stop', { method: 'POST' }).catch(() => {});
});

describe('Alpaca API through the SDK', () => {
  let fillPrice;
  let marketOrderId;

  test('keys create prints the three APCA_API_* settings; a wrong secret is refused with Alpaca\'s 401', async () => {
    assert.match(keys.APCA_API_KEY_ID, /^PK[A-Z0-9]{18}$/);
    assert.equal(keys.APCA_API_SECRET_KEY.length, 40);
    assert.equal(keys.APCA_API_BASE_URL, base);
    const impostor = new Alpaca({ keyId: keys.APCA_API_KEY_ID, secretKey: 'x'.repeat(40), paper: true, baseUrl: base });
    const error = await alpacaError(impostor.getAccount());
    assert.deepEqual(error, { status: 401, code: 40110000, message: 'request is not authorized' });
  });

  test('getAccount: an active USD account with its cash as strings', async () => {
    const account = await alpaca.getAccount();
    assert.equal(account.status, 'ACTIVE');
    assert.equal(account.currency, 'USD');
    assert.ok(account.id, 'no account id');
    for (const field of ['cash', 'equity', 'buying_power', 'portfolio_value']) {
      assert.equal(typeof account[field], 'string', `${field} must be a string: ${JSON.stringify(account[field])}`);
      assert.ok(Number(account[field]) > 0, `${field} = ${account[field]}`);
    }
  });

  test('getClock: the simulation\'s clock', async () => {
    const clock = await alpaca.getClock();
    assert.ok(!Number.isNaN(Date.parse(clock.timestamp)), `timestamp ${clock.timestamp}`);
    assert.equal(typeof clock.is_open, 'boolean');
    assert.ok(!Number.isNaN(Date.parse(clock.next_open)), `next_open ${clock.next_open}`);
    assert.ok(!Number.isNaN(Date.parse(clock.next_close)), `next_close ${clock.next_close}`);
  });

  test('getAsset: the replayed symbol is tradable; an unknown one is Alpaca\'s 404', async () => {
    const asset = await alpaca.getAsset(SYMBOL);
    assert.equal(asset.symbol, SYMBOL);
    assert.equal(asset.tradable, true);
    assert.equal(asset.status, 'active');
    const error = await alpacaError(alpaca.getAsset('NOSUCHSYMBOL'));
    assert.equal(error.status, 404);
    assert.equal(error.code, 40410000);
  });

  test('createOrder market buy: filled from the next bar, reported as new then fill over trade_updates', async () => {
    const order = await alpaca.createOrder({
      symbol: SYMBOL, qty: 1, side: 'buy', type: 'market', time_in_force: 'day', client_order_id: `${RUN}-market`,
    });
    marketOrderId = order.id;
    assert.equal(order.symbol, SYMBOL);
    assert.equal(order.client_order_id, `${RUN}-market`);
    assert.equal(order.side, 'buy');
    assert.equal(order.type, 'market');
    assert.equal(order.time_in_force, 'day');
    sameNumber(order.qty, 1, 'qty');
    assert.ok(['new', 'accepted', 'pending_new', 'filled'].includes(order.status), `status ${order.status}`);

    const fill = await update('fill', order.id);
    assert.equal(fill.order.status, 'filled');
    sameNumber(fill.order.filled_qty, 1, 'filled_qty');
    assert.ok(Number(fill.price) > 0, `fill price ${fill.price}`);
    sameNumber(fill.order.filled_avg_price, fill.price, 'filled_avg_price');
    fillPrice = Number(fill.price);
    const events = updates.filter((u) => u.order?.id === order.id).map((u) => u.event);
    assert.ok(events.indexOf('new') >= 0 && events.indexOf('new') < events.indexOf('fill'), `events ${events}`);

    const stored = await alpaca.getOrder(order.id);
    assert.equal(stored.status, 'filled');
    sameNumber(stored.filled_avg_price, fillPrice, 'getOrder filled_avg_price');
  });

  test('getPositions / getPosition: one long share at the fill price', async () => {
    assert.ok(fillPrice, 'no fill before');
    const position = await eventually('the position of the fill', async () => {
      const candidate = await alpaca.getPosition(SYMBOL);
      return Number(candidate.qty) === 1 ? candidate : null;
    });
    assert.equal(position.symbol, SYMBOL);
    assert.equal(position.side, 'long');
    sameNumber(position.qty, 1, 'qty');
    sameNumber(position.avg_entry_price, fillPrice, 'avg_entry_price');
    const positions = await alpaca.getPositions();
    assert.deepEqual(positions.map((p) => [p.symbol, Number(p.qty)]), [[SYMBOL, 1]]);
  });

  test('a limit order far from the market: open in getOrders, replaced with a new limit, then canceled', async () => {
    const order = await alpaca.createOrder({
      symbol: SYMBOL, qty: 1, side: 'buy', type: 'limit', limit_price: 1, time_in_force: 'gtc', client_order_id: `${RUN}-limit`,
    });
    sameNumber(order.limit_price, 1, 'limit_price');
    const open = await eventually('the limit order among the open orders', async () => {
      const orders = await alpaca.getOrders({ status: 'open' });
      return orders.find((o) => o.id === order.id && o.status === 'new');
    });
    assert.equal(open.type, 'limit');

    const replacement = await alpaca.replaceOrder(order.id, { limit_price: '2' });
    assert.notEqual(replacement.id, order.id);
    assert.equal(replacement.replaces, order.id);
    sameNumber(replacement.limit_price, 2, 'new limit_price');
    await eventually('the old order to be replaced', async () => (await alpaca.getOrder(order.id)).status === 'replaced');
    await eventually('the replacement to be open', async () => (await alpaca.getOrder(replacement.id)).status === 'new');
    await update('replaced', order.id);

    await alpaca.cancelOrder(replacement.id);
    await eventually('the replacement to be canceled', async () => (await alpaca.getOrder(replacement.id)).status === 'canceled');
    await update('canceled', replacement.id);
    const stillOpen = await alpaca.getOrders({ status: 'open' });
    assert.ok(!stillOpen.some((o) => o.id === order.id || o.id === replacement.id), 'a canceled or replaced order is still open');
  });

  let bracketId;
  test('a bracket order: market entry with take-profit and stop-loss legs, which stay open once it fills', async () => {
    assert.ok(fillPrice, 'no fill before');
    const takeProfit = (fillPrice * 2).toFixed(2);
    const stopLoss = (fillPrice / 2).toFixed(2);
    const order = await alpaca.createOrder({
      symbol: SYMBOL, qty: 1, side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: `${RUN}-bracket`,
      order_class: 'bracket', take_profit: { limit_price: takeProfit }, stop_loss: { stop_price: stopLoss },
    });
    bracketId = order.id;
    assert.equal(order.order_class, 'bracket');
    assert.equal(order.legs?.length, 2, `legs: ${JSON.stringify(order.legs)}`);
    const profitLeg = order.legs.find((leg) => leg.type === 'limit');
    const lossLeg = order.legs.find((leg) => leg.type === 'stop');
    assert.ok(profitLeg && lossLeg, `legs: ${JSON.stringify(order.legs)}`);
    for (const leg of [profitLeg, lossLeg]) {
      assert.equal(leg.side, 'sell');
      sameNumber(leg.qty, 1, 'leg qty');
    }
    sameNumber(profitLeg.limit_price, takeProfit, 'take-profit limit_price');
    sameNumber(lossLeg.stop_price, stopLoss, 'stop-loss stop_price');

    await update('fill', order.id);
    // once the entry filled the legs are working (Alpaca: the take-profit new, the stop-loss new or held)
    for (const leg of [profitLeg, lossLeg]) {
      await eventually(`bracket leg ${leg.id} (${leg.type}) to be working`,
        async () => ['new', 'held', 'accepted'].includes((await alpaca.getOrder(leg.id)).status));
    }
    const nested = await alpaca.getOrders({ status: 'all', nested: true, symbols: SYMBOL });
    const parent = nested.find((o) => o.id === order.id);
    assert.ok(parent, 'the bracket is not in getOrders({status: all, nested: true})');
    assert.deepEqual(parent.legs.map((leg) => leg.id).sort(), [profitLeg.id, lossLeg.id].sort());
  });

  test('getOrderByClientId finds the bracket', async () => {
    assert.ok(bracketId, 'no bracket before');
    const order = await alpaca.getOrderByClientId(`${RUN}-bracket`);
    assert.equal(order.id, bracketId);
    assert.equal(order.status, 'filled');
  });

  test('getPortfolioHistory: equity and timestamps side by side', async () => {
    const history = await alpaca.getPortfolioHistory({ period: '1M', timeframe: '1D' });
    assert.ok(Array.isArray(history.timestamp) && history.timestamp.length > 0, `timestamp ${JSON.stringify(history.timestamp)}`);
    assert.equal(history.equity.length, history.timestamp.length);
    assert.equal(history.profit_loss.length, history.timestamp.length);
    assert.ok(history.equity.every((value) => value === null || typeof value === 'number'), 'equity values must be numbers');
    assert.equal(typeof history.base_value, 'number');
  });

  test('closePosition: with the legs canceled (cancelAllOrders), it sells both shares and the position is gone', async () => {
    await alpaca.cancelAllOrders();
    await eventually('no open orders', async () => (await alpaca.getOrders({ status: 'open' })).length === 0);
    const close = await alpaca.closePosition(SYMBOL);
    assert.equal(close.side, 'sell');
    assert.equal(close.type, 'market');
    sameNumber(close.qty, 2, 'qty');
    await update('fill', close.id);
    const error = await eventually('the position to be gone', async () => {
      const failure = await alpacaError(alpaca.getPosition(SYMBOL));
      return failure.status === 404 ? failure : null;
    });
    assert.equal(error.code, 40410000);
    assert.deepEqual(await alpaca.getPositions(), []);
  });

  test('keys list shows the keys without secrets; a revoked key is refused', async () => {
    const spare = createKeys();
    const listed = keysCommand('list');
    for (const key of [keys, spare]) assert.match(listed, new RegExp(`^${key.APCA_API_KEY_ID}\\s+default\\s`, 'm'));
    assert.ok(!listed.includes(keys.APCA_API_SECRET_KEY) && !listed.includes(spare.APCA_API_SECRET_KEY), 'a secret is listed');
    const spareClient = new Alpaca({ keyId: spare.APCA_API_KEY_ID, secretKey: spare.APCA_API_SECRET_KEY, paper: true, baseUrl: base });
    assert.equal((await spareClient.getAccount()).status, 'ACTIVE');
    assert.equal(keysCommand('revoke', spare.APCA_API_KEY_ID).trim(), `revoked ${spare.APCA_API_KEY_ID}`);
    assert.equal((await alpacaError(spareClient.getAccount())).code, 40110000);
    assert.doesNotMatch(keysCommand('list'), new RegExp(spare.APCA_API_KEY_ID));
  });
});
