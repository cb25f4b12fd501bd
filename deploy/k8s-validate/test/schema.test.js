// Every object of every overlay is valid against the Kubernetes OpenAPI schema of its kind, with no field
// the schema does not define.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, describe as name, renderOverlay } from '../lib/manifests.js';
import { MODELS, schemaProblems } from '../lib/schema.js';

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay}: schema`, () => {
    const objects = renderOverlay(overlay);

    test('renders the expected kinds', () => {
      const kinds = new Set(objects.map((o) => o.kind));
      for (const kind of ['Namespace', 'ServiceAccount', 'Deployment', 'StatefulSet', 'Service', 'ConfigMap',
        'Job', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget']) {
        assert.ok(kinds.has(kind), `no ${kind} in the output`);
      }
    });

    test('every object validates against its kind\'s schema', async () => {
      const problems = [];
      for (const object of objects) problems.push(...await schemaProblems(object));
      assert.deepEqual(problems, []);
    });

    test('object names are unique per kind', () => {
      const seen = new Set();
      const duplicates = objects.map(name).filter((n) => seen.has(n) || !seen.add(n));
      assert.deepEqual(duplicates, []);
    });
  });
}

test('the schema table covers every kind the task names', () => {
  for (const key of ['apps/v1/Deployment', 'apps/v1/StatefulSet', 'v1/Service', 'v1/ConfigMap', 'v1/Secret',
    'v1/Namespace', 'v1/ServiceAccount', 'batch/v1/Job', 'networking.k8s.io/v1/Ingress',
    'networking.k8s.io/v1/NetworkPolicy', 'policy/v1/PodDisruptionBudget', 'autoscaling/v2/HorizontalPodAutoscaler']) {
    assert.ok(MODELS[key], `${key} missing from MODELS`);
  }
});
