// The Ingress routes every path of k8s/routes.json (REST prefixes, the WebSocket, the dashboard) to the
// right Service and port, and nothing else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, find, renderOverlay } from '../lib/manifests.js';
import { ingressPaths, ingressProblems, loadRoutes, prefixMatches, resolve } from '../lib/ingress.js';

test('routes.json lists the four REST prefixes, the Alpaca API and stream, the alerts WebSocket and the dashboard', () => {
  const routes = loadRoutes();
  assert.deepEqual(routes.map((r) => [r.path, r.service, r.kind]), [
    ['/api/monitor', 'monitor-service', 'rest'],
    ['/api/router', 'signal-router-service', 'rest'],
    ['/api/orders', 'order-service', 'rest'],
    ['/api/portfolio', 'portfolio-service', 'rest'],
    ['/v2', 'signal-router-service', 'rest'],
    ['/stream', 'signal-router-service', 'websocket'],
    ['/ws/alerts', 'monitor-service', 'websocket'],
    ['/', 'monitor-service', 'dashboard'],
  ]);
});

test('Prefix matching compares whole path elements', () => {
  assert.equal(prefixMatches('/api/orders', '/api/orders'), true);
  assert.equal(prefixMatches('/api/orders', '/api/orders/'), true);
  assert.equal(prefixMatches('/api/orders', '/api/orders/42/fills'), true);
  assert.equal(prefixMatches('/api/orders', '/api/ordersx'), false);
  assert.equal(prefixMatches('/api/orders', '/api'), false);
  assert.equal(prefixMatches('/', '/anything'), true);
});

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay}: ingress`, () => {
    const objects = renderOverlay(overlay);

    test('routes exactly k8s/routes.json, with WebSocket timeouts, to existing ports', () => {
      assert.deepEqual(ingressProblems(objects), []);
    });

    test('sample requests reach the documented services', () => {
      const paths = ingressPaths(find(objects, 'Ingress', 'papertrader'));
      const cases = {
        '/api/orders/7f3c': 'order-service',
        '/api/portfolio/accounts/main/equity': 'portfolio-service',
        '/api/router/decisions': 'signal-router-service',
        '/api/monitor/strategies': 'monitor-service',
        '/ws/alerts': 'monitor-service',
        '/v2/orders': 'signal-router-service',
        '/v2/orders:by_client_order_id': 'signal-router-service',
        '/v2/account/portfolio/history': 'signal-router-service',
        '/stream': 'signal-router-service',
        '/v2x': 'monitor-service',
        '/': 'monitor-service',
        '/index.html': 'monitor-service',
        '/api/ordersx': 'monitor-service',
      };
      for (const [request, service] of Object.entries(cases)) {
        assert.equal(resolve(paths, request)?.service, service, request);
      }
    });
  });
}

test('prod serves one host over TLS', () => {
  const ingress = find(renderOverlay('prod'), 'Ingress', 'papertrader');
  const hosts = ingress.spec.rules.map((r) => r.host);
  assert.equal(hosts.length, 1);
  assert.ok(hosts[0], 'no host');
  assert.deepEqual(ingress.spec.tls.flatMap((t) => t.hosts), hosts);
});
