// Rules every container must follow: probes, resources, a non-root security context, a writable /tmp on a
// read-only root filesystem, and pinned images.
import { containersOf, describe, podTemplateOf, workloads } from './manifests.js';
import { parseQuantity } from './quantity.js';

/** Kinds whose pods run to completion: their containers need no readiness or liveness probe. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

/** The port a probe targets, if any. */
function probePort(probe) {
  return probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
}

function declaresPort(container, port) {
  return (container.ports ?? []).some((p) => p.name === port || p.containerPort === port);
}

/**
 * Probe rules. A long-running container (not in a Job, not a plain init container) has a readiness and a
 * liveness probe. Plain init containers (without restartPolicy Always) are exempt: the API rejects probes on
 * them. A probe on a port must target a port the container declares.
 */
export function probeProblems(workload, container, init) {
  const where = `${describe(workload)} container ${container.name}`;
  const problems = [];
  const sidecar = init && container.restartPolicy === 'Always';
  const needsProbes = !RUN_TO_COMPLETION.has(workload.kind) && (!init || sidecar);
  if (needsProbes) {
    if (!container.readinessProbe) problems.push(`${where}: no readinessProbe`);
    if (!container.livenessProbe) problems.push(`${where}: no livenessProbe`);
  }
  if (init && !sidecar) {
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      if (container[probe]) problems.push(`${where}: an init container cannot have a ${probe}`);
    }
  }
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const port = probePort(container[probe]);
    if (port !== undefined && !declaresPort(container, port)) {
      problems.push(`${where}: ${probe} targets port ${port}, which the container does not declare`);
    }
  }
  return problems;
}

/** Requests and limits of CPU and memory are all set, and no request exceeds its limit. */
export function resourceProblems(workload, container) {
  const where = `${describe(workload)} container ${container.name}`;
  const problems = [];
  const { requests = {}, limits = {} } = container.resources ?? {};
  for (const resource of ['cpu', 'memory']) {
    if (requests[resource] === undefined) problems.push(`${where}: no ${resource} request`);
    if (limits[resource] === undefined) problems.push(`${where}: no ${resource} limit`);
    if (requests[resource] !== undefined && limits[resource] !== undefined
        && parseQuantity(requests[resource]) > parseQuantity(limits[resource])) {
      problems.push(`${where}: ${resource} request ${requests[resource]} exceeds its limit ${limits[resource]}`);
    }
  }
  return problems;
}

/** The container's security context with the pod's settings filled in where the container has none. */
export function effectiveSecurityContext(podSpec, container) {
  const pod = podSpec.securityContext ?? {};
  const own = container.securityContext ?? {};
  return {
    runAsNonRoot: own.runAsNonRoot ?? pod.runAsNonRoot,
    runAsUser: own.runAsUser ?? pod.runAsUser,
    seccompProfile: own.seccompProfile ?? pod.seccompProfile,
    allowPrivilegeEscalation: own.allowPrivilegeEscalation,
    privileged: own.privileged,
    readOnlyRootFilesystem: own.readOnlyRootFilesystem,
    capabilities: own.capabilities,
  };
}

/**
 * A non-root, locked-down container: runAsNonRoot, no uid 0, no privilege escalation, not privileged, every
 * capability dropped and none added, read-only root filesystem, RuntimeDefault (or Localhost) seccomp.
 */
export function securityProblems(workload, podSpec, container) {
  const where = `${describe(workload)} container ${container.name}`;
  const context = effectiveSecurityContext(podSpec, container);
  const problems = [];
  if (context.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
  if (context.runAsUser === 0) problems.push(`${where}: runs as uid 0`);
  if (context.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (context.privileged === true) problems.push(`${where}: privileged`);
  if (!(context.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: does not drop ALL capabilities`);
  if ((context.capabilities?.add ?? []).length > 0) problems.push(`${where}: adds capabilities ${context.capabilities.add}`);
  if (context.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem is not read-only`);
  if (!['RuntimeDefault', 'Localhost'].includes(context.seccompProfile?.type)) {
    problems.push(`${where}: seccompProfile is not RuntimeDefault`);
  }
  return problems;
}

/** With a read-only root filesystem, /tmp must be a writable emptyDir (the JVM, psql and Artemis write there). */
export function tmpProblems(workload, podSpec, container) {
  const where = `${describe(workload)} container ${container.name}`;
  const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
  if (!mount) return [`${where}: no volume at /tmp`];
  const volume = (podSpec.volumes ?? []).find((v) => v.name === mount.name);
  if (!volume?.emptyDir || mount.readOnly) return [`${where}: /tmp is not a writable emptyDir`];
  return [];
}

/** The image names a tag other than "latest", or a digest. */
export function imageProblems(workload, container) {
  const where = `${describe(workload)} container ${container.name}`;
  const image = container.image ?? '';
  if (image.includes('@sha256:')) return [];
  const lastPart = image.split('/').pop();
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  if (!tag) return [`${where}: image ${image} has no tag`];
  if (tag === 'latest') return [`${where}: image ${image} uses the tag latest`];
  return [];
}

/** Every rule above for every container (init containers included) of every workload. */
export function podProblems(objects) {
  const problems = [];
  for (const workload of workloads(objects)) {
    const podSpec = podTemplateOf(workload).spec;
    for (const { container, init } of containersOf(podSpec)) {
      problems.push(...probeProblems(workload, container, init));
      problems.push(...resourceProblems(workload, container));
      problems.push(...securityProblems(workload, podSpec, container));
      problems.push(...tmpProblems(workload, podSpec, container));
      problems.push(...imageProblems(workload, container));
    }
  }
  return problems;
}
