// Default deny; services reach only PostgreSQL 5432, Artemis 5672 and DNS; the ingress controller reaches
// only the services' http ports; PostgreSQL and Artemis accept only the services (and the bootstrap Job).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, ofKind, renderOverlay } from '../lib/manifests.js';
import { allows, networkPolicyProblems, podsOf } from '../lib/network-policy.js';
import { SERVICES } from '../lib/workloads.js';

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay}: network policies`, () => {
    const objects = renderOverlay(overlay);

    test('every connection between our pods, and to and from outside, is allowed exactly when needed', () => {
      assert.deepEqual(networkPolicyProblems(objects, SERVICES), []);
    });

    test('spot checks', () => {
      const policies = ofKind(objects, 'NetworkPolicy');
      const pod = Object.fromEntries(podsOf(objects).map((p) => [p.id, p]));
      assert.equal(allows(policies, pod['order-service'], pod.postgres, 5432), true);
      assert.equal(allows(policies, pod['order-service'], pod.artemis, 5672), true);
      assert.equal(allows(policies, pod['order-service'], pod['kube-dns'], 53, 'UDP'), true);
      assert.equal(allows(policies, pod['order-service'], pod['portfolio-service'], 8080), false);
      assert.equal(allows(policies, pod['ingress-nginx'], pod['monitor-service'], 8080), true);
      assert.equal(allows(policies, pod['ingress-nginx'], pod.postgres, 5432), false);
      assert.equal(allows(policies, pod['postgres-bootstrap'], pod.postgres, 5432), true);
      assert.equal(allows(policies, pod['postgres-bootstrap'], pod.artemis, 5672), false);
      assert.equal(allows(policies, pod.stranger, pod.postgres, 5432), false);
      assert.equal(allows(policies, pod['stranger-in-namespace'], pod.artemis, 5672), false);
      assert.equal(allows(policies, pod.postgres, pod.stranger, 8080), false);
    });
  });
}
