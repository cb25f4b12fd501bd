// The Ingress against k8s/routes.json: every documented path routed to the right Service and port, nothing
// else routed, the WebSocket timeouts set, and requests resolved the way ingress-nginx resolves them.
import { describe, find, ofKind, podTemplateOf, readRepoFile } from './manifests.js';
import { selectedWorkloads, targetContainerPort } from './workloads.js';

/** The routes of k8s/routes.json: [{path, service, port, kind}]. */
export function loadRoutes() {
  return JSON.parse(readRepoFile('k8s/routes.json')).routes;
}

/** The ingress class and the idle timeout (seconds) a WebSocket connection needs. */
export const INGRESS_CLASS = 'nginx';
export const WEBSOCKET_TIMEOUT_SECONDS = 3600;

/** Every path of every rule of an Ingress, flattened: {host, path, pathType, service, port}. */
export function ingressPaths(ingress) {
  return (ingress.spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((p) => ({
    host: rule.host,
    path: p.path,
    pathType: p.pathType,
    service: p.backend?.service?.name,
    port: p.backend?.service?.port?.name ?? p.backend?.service?.port?.number,
  })));
}

/**
 * Whether an ingress path of type Prefix matches a request path: Kubernetes compares path elements split by
 * "/", so /api/orders matches /api/orders and /api/orders/7 but not /api/ordersX.
 */
export function prefixMatches(prefix, requestPath) {
  const elements = (p) => p.split('/').filter((e) => e !== '');
  const want = elements(prefix);
  const have = elements(requestPath);
  return want.length <= have.length && want.every((element, i) => element === have[i]);
}

/** The path a request goes to: the longest matching Prefix path (Exact paths win on an exact match). */
export function resolve(paths, requestPath) {
  const exact = paths.find((p) => p.pathType === 'Exact' && p.path === requestPath);
  if (exact) return exact;
  return paths
    .filter((p) => p.pathType === 'Prefix' && prefixMatches(p.path, requestPath))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * Problems of the overlay's Ingress: exactly one Ingress, of class nginx, with the WebSocket timeouts; its
 * paths are exactly the routes (Prefix, same Service and port); each backend Service port exists and reaches
 * a container port; and requests for each route and below it resolve to the route's Service.
 */
export function ingressProblems(objects, routes = loadRoutes()) {
  const ingresses = ofKind(objects, 'Ingress');
  if (ingresses.length !== 1) return [`${ingresses.length} Ingresses, must be 1`];
  const [ingress] = ingresses;
  const where = describe(ingress);
  const problems = [];
  if (ingress.spec.ingressClassName !== INGRESS_CLASS) problems.push(`${where}: ingressClassName must be ${INGRESS_CLASS}`);
  for (const annotation of ['proxy-read-timeout', 'proxy-send-timeout']) {
    const value = Number(ingress.metadata.annotations?.[`nginx.ingress.kubernetes.io/${annotation}`]);
    if (!(value >= WEBSOCKET_TIMEOUT_SECONDS)) problems.push(`${where}: ${annotation} must be at least ${WEBSOCKET_TIMEOUT_SECONDS} for WebSockets`);
  }
  const hosts = [...new Set((ingress.spec.rules ?? []).map((rule) => rule.host))];
  for (const host of hosts) {
    const paths = ingressPaths(ingress).filter((p) => p.host === host);
    const label = host ? `host ${host}` : 'any host';
    for (const route of routes) {
      const match = paths.find((p) => p.path === route.path);
      if (!match) {
        problems.push(`${where} (${label}): route ${route.path} is not routed`);
      } else if (match.pathType !== 'Prefix' || match.service !== route.service || match.port !== route.port) {
        problems.push(`${where} (${label}): ${route.path} goes to ${match.service}:${match.port} (${match.pathType}), must be ${route.service}:${route.port} (Prefix)`);
      }
      for (const request of [route.path, `${route.path.replace(/\/$/, '')}/x/y`]) {
        const target = resolve(paths, request);
        if (target?.service !== route.service) problems.push(`${where} (${label}): request ${request} reaches ${target?.service}, must reach ${route.service}`);
      }
    }
    for (const p of paths) {
      if (!routes.some((route) => route.path === p.path)) problems.push(`${where} (${label}): path ${p.path} is not in k8s/routes.json`);
    }
  }
  for (const p of ingressPaths(ingress)) {
    const service = find(objects, 'Service', p.service);
    if (!service) {
      problems.push(`${where}: backend Service ${p.service} does not exist`);
      continue;
    }
    const port = service.spec.ports.find((sp) => sp.name === p.port || sp.port === p.port);
    if (!port) {
      problems.push(`${where}: Service ${p.service} has no port ${p.port}`);
      continue;
    }
    const [workload] = selectedWorkloads(objects, service);
    if (!workload || !targetContainerPort(port, podTemplateOf(workload).spec)) {
      problems.push(`${where}: ${p.service}:${p.port} reaches no container`);
    }
  }
  return [...new Set(problems)];
}
