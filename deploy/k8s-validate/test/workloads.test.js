// Single writers stay single, PDBs never block a drain, Services reach container ports, StatefulSets have
// headless Services, service accounts and namespace are right.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, renderOverlay } from '../lib/manifests.js';
import {
  disruptionBudgetProblems, namespaceAndAccountProblems, serviceProblems, singleWriterProblems,
} from '../lib/workloads.js';

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay}: workloads`, () => {
    const objects = renderOverlay(overlay);

    test('each service is one Recreate replica probing SmallRye Health as uid 185, and no HPA scales a single writer', () => {
      assert.deepEqual(singleWriterProblems(objects), []);
    });

    test('each Deployment and StatefulSet has one PodDisruptionBudget that allows eviction', () => {
      assert.deepEqual(disruptionBudgetProblems(objects), []);
    });

    test('Services select one workload and reach its container ports; StatefulSets have headless Services', () => {
      assert.deepEqual(serviceProblems(objects), []);
    });

    test('all objects in namespace papertrader (restricted PSS); own ServiceAccounts without tokens', () => {
      assert.deepEqual(namespaceAndAccountProblems(objects), []);
    });
  });
}
