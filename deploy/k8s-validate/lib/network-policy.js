// A NetworkPolicy evaluator (the semantics of networking.k8s.io/v1) over the pods of an overlay plus a few
// pods outside it, and the connections papertrader must allow and nothing more.
import { NAMESPACE, find, ofKind, podTemplateOf, selectorMatches, workloads } from './manifests.js';

/**
 * Pods to reason about: one per workload of the overlay (its pod template's labels and ports), and outside
 * pods: the ingress controller, cluster DNS, a stranger in another namespace and a stranger pod (no
 * papertrader labels) started in the papertrader namespace.
 */
export function podsOf(objects) {
  const namespaceObject = find(objects, 'Namespace', NAMESPACE);
  const namespaceLabels = { 'kubernetes.io/metadata.name': NAMESPACE, ...(namespaceObject?.metadata?.labels ?? {}) };
  const ours = workloads(objects).map((workload) => {
    const template = podTemplateOf(workload);
    const ports = template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({
      name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP',
    })));
    return {
      id: workload.metadata.name,
      namespace: NAMESPACE,
      namespaceLabels,
      labels: template.metadata?.labels ?? {},
      ports,
    };
  });
  const outside = (id, namespace, labels, ports = []) => ({
    id, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels, ports, outside: true,
  });
  return [
    ...ours,
    outside('ingress-nginx', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' },
      [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }]),
    outside('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' },
      [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }]),
    outside('stranger', 'default', { app: 'stranger' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]),
    { ...outside('stranger-in-namespace', NAMESPACE, { app: 'stranger' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]),
      namespaceLabels: ours[0]?.namespaceLabels ?? { 'kubernetes.io/metadata.name': NAMESPACE } },
  ];
}

/** Whether a policy peer (podSelector / namespaceSelector / ipBlock) includes a pod. ipBlocks are not evaluated. */
function peerIncludes(peer, policyNamespace, pod) {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, pod.namespaceLabels)
    : pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  return namespaceOk && podOk;
}

/** Whether a rule's ports admit a connection to the destination pod's port. Named ports resolve on the destination. */
function portsAdmit(rulePorts, destination, port, protocol) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((rulePort) => {
    if ((rulePort.protocol ?? 'TCP') !== protocol) return false;
    if (rulePort.port === undefined) return true;
    if (typeof rulePort.port === 'string') {
      return destination.ports.some((p) => p.name === rulePort.port && p.port === port && p.protocol === protocol);
    }
    return port >= rulePort.port && port <= (rulePort.endPort ?? rulePort.port);
  });
}

function policiesSelecting(policies, pod, type) {
  return policies.filter((policy) => (policy.metadata.namespace ?? NAMESPACE) === pod.namespace
    && selectorMatches(policy.spec.podSelector, pod.labels)
    && (policy.spec.policyTypes ?? ['Ingress']).includes(type));
}

/**
 * Whether the policies let `source` open a connection to `destination` on port/protocol: the source's egress
 * allows it (or no egress policy selects the source) and the destination's ingress allows it (or no ingress
 * policy selects the destination). Policies are additive; an empty podSelector selects every pod.
 */
export function allows(policies, source, destination, port, protocol = 'TCP') {
  const egress = policiesSelecting(policies, source, 'Egress');
  const egressOk = egress.length === 0 || egress.some((policy) => (policy.spec.egress ?? []).some((rule) =>
    (rule.to === undefined || rule.to.length === 0 || rule.to.some((peer) => peerIncludes(peer, policy.metadata.namespace ?? NAMESPACE, destination)))
    && portsAdmit(rule.ports, destination, port, protocol)));
  const ingress = policiesSelecting(policies, destination, 'Ingress');
  const ingressOk = ingress.length === 0 || ingress.some((policy) => (policy.spec.ingress ?? []).some((rule) =>
    (rule.from === undefined || rule.from.length === 0 || rule.from.some((peer) => peerIncludes(peer, policy.metadata.namespace ?? NAMESPACE, source)))
    && portsAdmit(rule.ports, destination, port, protocol)));
  return egressOk && ingressOk;
}

/**
 * The connections papertrader needs, and the only ones allowed (source id or role -> destination id:port):
 * each service to PostgreSQL 5432, the broker 5672 and DNS; the bootstrap Job to PostgreSQL and DNS; the
 * ingress controller to each service's http port. Pods outside the namespace other than these are not ours to
 * police, so connections between two outside pods are not checked.
 */
export function expectedAllowed(source, destination, port, protocol, serviceIds) {
  const isService = (pod) => serviceIds.includes(pod.id);
  const toDns = destination.id === 'kube-dns' && port === 53;
  if (isService(source)) {
    return (destination.id === 'postgres' && port === 5432 && protocol === 'TCP')
      || (destination.id === 'artemis' && port === 5672 && protocol === 'TCP')
      || toDns;
  }
  if (source.id === 'postgres-bootstrap') {
    return (destination.id === 'postgres' && port === 5432 && protocol === 'TCP') || toDns;
  }
  if (source.id === 'ingress-nginx') {
    return isService(destination) && destination.ports.some((p) => p.name === 'http' && p.port === port) && protocol === 'TCP';
  }
  return false;
}

/** Every (source, destination, port) whose allowance differs from {@link expectedAllowed}. */
export function networkPolicyProblems(objects, serviceIds) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const pods = podsOf(objects);
  const problems = [];
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && ['Ingress', 'Egress'].every((t) => (p.spec.policyTypes ?? []).includes(t))
    && (p.spec.ingress ?? []).length === 0 && (p.spec.egress ?? []).length === 0);
  if (!denyAll) problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  for (const source of pods) {
    for (const destination of pods) {
      if (source === destination || (source.outside && destination.outside && source.namespace !== NAMESPACE && destination.namespace !== NAMESPACE)) continue;
      for (const { port, protocol } of destination.ports) {
        const actual = allows(policies, source, destination, port, protocol);
        const expected = expectedAllowed(source, destination, port, protocol, serviceIds);
        if (actual !== expected) {
          problems.push(`${source.id} -> ${destination.id}:${port}/${protocol} is ${actual ? 'allowed' : 'denied'}, must be ${expected ? 'allowed' : 'denied'}`);
        }
      }
    }
  }
  return problems;
}
