// Every container, init containers and the Job's included: probes (Jobs and plain init containers exempt),
// CPU and memory requests and limits, a non-root locked-down security context, a writable /tmp, a pinned image.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, containersOf, podTemplateOf, renderOverlay, workloads } from '../lib/manifests.js';
import { imageProblems, probeProblems, resourceProblems, securityProblems, tmpProblems } from '../lib/pods.js';

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay}: containers`, () => {
    const objects = renderOverlay(overlay);
    const all = workloads(objects).flatMap((workload) => containersOf(podTemplateOf(workload).spec)
      .map(({ container, init }) => ({ workload, podSpec: podTemplateOf(workload).spec, container, init })));

    test('there are containers to check, init containers and a Job among them', () => {
      assert.ok(all.length >= 11, `only ${all.length} containers`);
      assert.ok(all.some((c) => c.init), 'no init container');
      assert.ok(all.some((c) => c.workload.kind === 'Job'), 'no Job');
      assert.ok(all.some((c) => c.workload.kind === 'StatefulSet'), 'no StatefulSet');
    });

    test('long-running containers have readiness and liveness probes on declared ports', () => {
      assert.deepEqual(all.flatMap(({ workload, container, init }) => probeProblems(workload, container, init)), []);
    });

    test('every container has CPU and memory requests and limits, requests within limits', () => {
      assert.deepEqual(all.flatMap(({ workload, container }) => resourceProblems(workload, container)), []);
    });

    test('every container runs non-root, without privilege escalation or capabilities, read-only, RuntimeDefault seccomp', () => {
      assert.deepEqual(all.flatMap(({ workload, podSpec, container }) => securityProblems(workload, podSpec, container)), []);
    });

    test('every container has a writable emptyDir at /tmp', () => {
      assert.deepEqual(all.flatMap(({ workload, podSpec, container }) => tmpProblems(workload, podSpec, container)), []);
    });

    test('every image has a tag other than latest', () => {
      assert.deepEqual(all.flatMap(({ workload, container }) => imageProblems(workload, container)), []);
    });
  });
}
