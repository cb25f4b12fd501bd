#!/usr/bin/env python3
"""Writes the Binance fixtures of the monitor's feed tests, in Binance's documented formats (Spot API:
GET /api/v3/klines arrays; WebSocket kline stream events as the raw /ws endpoint sends them after a SUBSCRIBE).

We cannot record real Binance responses on the build machine (no internet), so the values come from real trades
instead: the first hour of the Bitstamp BTC/USD trades of 2013-11-25 that ta4j-examples ships
(bitstamp_trades_from_20131125_usd.csv), aggregated into 1-minute klines and labelled BTCUSDT. A minute without
trades repeats the previous close with zero volume, as Binance does. Taker-buy volume is the volume of upticks (a
trade at or above the previous price): Bitstamp's file has no aggressor side.

Usage: make-fixtures.py bitstamp_trades_from_20131125_usd.csv  (writes next to this script)
"""
import csv, json, os, sys
from decimal import Decimal

MINUTE = 60_000
BARS = 60
here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(sys.argv[1])))
start = int(rows[0]['timestamp']) * 1000 // MINUTE * MINUTE
bars, i, trade_id, previous_price, close = [], 0, 1, None, None
q8 = lambda d: format(Decimal(d).quantize(Decimal('0.00000001')), 'f')
for b in range(BARS):
    t = start + b * MINUTE
    trades = []
    while i < len(rows) and int(rows[i]['timestamp']) * 1000 < t + MINUTE:
        trades.append((Decimal(rows[i]['price']), Decimal(rows[i]['amount'])))
        i += 1
    if trades:
        prices = [p for p, _ in trades]
        o, h, l, c = prices[0], max(prices), min(prices), prices[-1]
        v = sum(a for _, a in trades)
        q = sum(p * a for p, a in trades)
        up_v = Decimal(0); up_q = Decimal(0); last = previous_price
        for p, a in trades:
            if last is None or p >= last:
                up_v += a; up_q += p * a
            last = p
        previous_price = last
        first, last_id = trade_id, trade_id + len(trades) - 1
        trade_id += len(trades)
    else:
        o = h = l = c = close
        v = q = up_v = up_q = Decimal(0)
        first, last_id = -1, -1
    close = c
    bars.append(dict(t=t, T=t + MINUTE - 1, o=q8(o), h=q8(h), l=q8(l), c=q8(c), v=q8(v), n=len(trades), q=q8(q),
                     V=q8(up_v), Q=q8(up_q), f=first, L=last_id))

def rest(bar):
    return [bar['t'], bar['o'], bar['h'], bar['l'], bar['c'], bar['v'], bar['T'], bar['q'], bar['n'], bar['V'],
            bar['Q'], "0"]

def frame(bar, closed, event_time=None):
    k = dict(t=bar['t'], T=bar['T'], s="BTCUSDT", i="1m", f=bar['f'], L=bar['L'], o=bar['o'], c=bar['c'], h=bar['h'],
             l=bar['l'], v=bar['v'], n=bar['n'], x=closed, q=bar['q'], V=bar['V'], Q=bar['Q'], B="0")
    if not closed:  # an update just after the bar opened: only its first price so far
        k.update(c=bar['o'], h=bar['o'], l=bar['o'], v="0.00000000", n=0, q="0.00000000",
                 V="0.00000000", Q="0.00000000", L=-1, f=-1)
    data = dict(e="kline", E=event_time if event_time else (bar['T'] + 1 if closed else bar['t'] + 30_000),
                s="BTCUSDT", k=k)
    return json.dumps(data, separators=(',', ':'))

json.dump([rest(b) for b in bars], open(os.path.join(here, 'klines-BTCUSDT-1m.json'), 'w'), separators=(',', ':'))

def write(name, lines):
    with open(os.path.join(here, name), 'w') as f:
        f.write('\n'.join(lines) + '\n')

closed = lambda n: frame(bars[n], True)
update = lambda n: frame(bars[n], False)
normal = []
for n in range(10, 15):
    normal += [update(n), closed(n)]
normal.insert(3, '#ping papertrader-heartbeat')
write('ws-normal.txt', ['# bars 10..14: an update (k.x false) then the closed kline; a server ping after the second'] + normal)
write('ws-drop.txt', ['# bars 10..13, the connection drops; the second connection resumes at bar 17 (14..16 missed)']
      + [closed(n) for n in range(10, 14)] + ['#drop', '#connection'] + [closed(n) for n in range(17, 20)])
write('ws-disorder.txt', ['# out of order and duplicate frames: 10, 11, 11, 13, 12, 14, 14']
      + [closed(n) for n in (10, 11, 11, 13, 12, 14, 14)])
bad_price = json.loads(closed(11)); bad_price['k']['o'] = 'abc'
inverted = json.loads(closed(11)); inverted['k']['h'], inverted['k']['l'] = bars[11]['l'], bars[11]['h']
write('ws-malformed.txt', ['# malformed frames between bars 10 and 11; a subscription answer is not malformed',
      closed(10), 'this is not json', closed(11)[:30],
      json.dumps(bad_price, separators=(',', ':')), json.dumps(inverted, separators=(',', ':')),
      '{"e":"kline","E":1385338260001,"s":"BTCUSDT"}',
      '{"result":null,"id":1}', closed(11)])
