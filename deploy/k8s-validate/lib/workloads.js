// Rules about the workloads as a whole: the services are single writers, every workload has a PDB that does
// not block drains, Services reach real container ports, StatefulSets have headless Services, service
// accounts exist and mount no token, everything is in the papertrader namespace.
import {
  NAMESPACE, containersOf, describe, find, isNamespaced, ofKind, podTemplateOf, selectorMatches, workloads,
} from './manifests.js';

/** The four services (Maven module, Deployment, Service and image name alike). */
export const SERVICES = ['monitor-service', 'signal-router-service', 'order-service', 'portfolio-service'];

/** The Quarkus SmallRye Health endpoint each probe must call. */
const HEALTH_PATHS = {
  startupProbe: '/q/health/started',
  readinessProbe: '/q/health/ready',
  livenessProbe: '/q/health/live',
};

/** The uid of the Quarkus images (Dockerfile.jvm and Dockerfile.native say USER 185). */
export const QUARKUS_UID = 185;

/**
 * Each service: a Deployment with one replica and the Recreate strategy (a single writer per time slice: two
 * pods, even briefly during a rolling update, would process slices twice), whose main container probes the
 * SmallRye Health endpoints on its http port and runs as uid 185; and no HorizontalPodAutoscaler on it.
 */
export function singleWriterProblems(objects) {
  const problems = [];
  for (const service of SERVICES) {
    const deployment = find(objects, 'Deployment', service);
    if (!deployment) {
      problems.push(`Deployment/${service} is missing`);
      continue;
    }
    if (deployment.spec.replicas !== 1) problems.push(`${describe(deployment)}: replicas ${deployment.spec.replicas}, must be 1 (single writer)`);
    if (deployment.spec.strategy?.type !== 'Recreate') problems.push(`${describe(deployment)}: strategy must be Recreate (never two writers at once)`);
    const podSpec = deployment.spec.template.spec;
    const main = podSpec.containers.find((c) => c.name === service);
    if (!main) {
      problems.push(`${describe(deployment)}: no container named ${service}`);
      continue;
    }
    for (const [probe, path] of Object.entries(HEALTH_PATHS)) {
      const get = main[probe]?.httpGet;
      if (get?.path !== path || get?.port !== 'http') problems.push(`${describe(deployment)}: ${probe} must GET ${path} on port http`);
    }
    const uid = main.securityContext?.runAsUser ?? podSpec.securityContext?.runAsUser;
    if (uid !== QUARKUS_UID) problems.push(`${describe(deployment)}: runs as uid ${uid}, the image's user is ${QUARKUS_UID}`);
  }
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    const target = hpa.spec.scaleTargetRef;
    const targetObject = find(objects, target.kind, target.name);
    if (!targetObject) problems.push(`${describe(hpa)}: scales ${target.kind}/${target.name}, which does not exist`);
    const component = podTemplateOf(targetObject ?? {})?.metadata?.labels?.['app.kubernetes.io/component'];
    if (SERVICES.includes(target.name) || ['database', 'broker'].includes(component)) {
      problems.push(`${describe(hpa)}: scales ${target.kind}/${target.name}, a single writer`);
    }
  }
  return problems;
}

/**
 * Each Deployment and StatefulSet is covered by exactly one PodDisruptionBudget; with one replica the budget
 * must allow an eviction (maxUnavailable >= 1 or minAvailable 0), or it would block every node drain.
 */
export function disruptionBudgetProblems(objects) {
  const problems = [];
  const budgets = ofKind(objects, 'PodDisruptionBudget');
  for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'StatefulSet')]) {
    const labels = workload.spec.template.metadata?.labels;
    const covering = budgets.filter((budget) => selectorMatches(budget.spec.selector, labels));
    if (covering.length !== 1) {
      problems.push(`${describe(workload)}: covered by ${covering.length} PodDisruptionBudgets, must be 1`);
      continue;
    }
    const { maxUnavailable, minAvailable } = covering[0].spec;
    const replicas = workload.spec.replicas ?? 1;
    const allowsEviction = (typeof maxUnavailable === 'number' && maxUnavailable >= 1)
      || (typeof minAvailable === 'number' && minAvailable < replicas)
      || (typeof maxUnavailable === 'string' && maxUnavailable !== '0%')
      || minAvailable === '0%';
    if (!allowsEviction) problems.push(`${describe(covering[0])}: never allows evicting ${describe(workload)} (${replicas} replica(s))`);
  }
  return problems;
}

/** The container port a Service port reaches in a pod, or undefined. */
export function targetContainerPort(servicePort, podSpec) {
  const target = servicePort.targetPort ?? servicePort.port;
  for (const { container, init } of containersOf(podSpec)) {
    if (init && container.restartPolicy !== 'Always') continue;
    const port = (container.ports ?? []).find((p) => (typeof target === 'string' ? p.name === target : p.containerPort === target)
      && (p.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'));
    if (port) return port;
  }
  return undefined;
}

/** The workloads whose pods a Service selects. */
export function selectedWorkloads(objects, service) {
  if (!service.spec.selector) return [];
  return workloads(objects).filter((workload) => selectorMatches({ matchLabels: service.spec.selector },
    podTemplateOf(workload).metadata?.labels));
}

/**
 * Every Service selects the pods of exactly one workload and each of its ports reaches a container port;
 * every StatefulSet names a headless Service that selects it.
 */
export function serviceProblems(objects) {
  const problems = [];
  for (const service of ofKind(objects, 'Service')) {
    const selected = selectedWorkloads(objects, service);
    if (selected.length !== 1) {
      problems.push(`${describe(service)}: selects the pods of ${selected.length} workloads, must be 1`);
      continue;
    }
    for (const port of service.spec.ports ?? []) {
      if (!targetContainerPort(port, podTemplateOf(selected[0]).spec)) {
        problems.push(`${describe(service)}: port ${port.name ?? port.port} reaches no container port of ${describe(selected[0])}`);
      }
    }
  }
  for (const statefulSet of ofKind(objects, 'StatefulSet')) {
    const governing = find(objects, 'Service', statefulSet.spec.serviceName);
    if (!governing) {
      problems.push(`${describe(statefulSet)}: serviceName ${statefulSet.spec.serviceName} is not a Service here`);
    } else if (governing.spec.clusterIP !== 'None') {
      problems.push(`${describe(statefulSet)}: its Service ${governing.metadata.name} is not headless`);
    } else if (!selectedWorkloads(objects, governing).includes(statefulSet)) {
      problems.push(`${describe(statefulSet)}: its Service ${governing.metadata.name} does not select it`);
    }
    if ((statefulSet.spec.volumeClaimTemplates ?? []).length === 0) problems.push(`${describe(statefulSet)}: no volumeClaimTemplates`);
  }
  return problems;
}

/**
 * Every namespaced object is in the papertrader namespace, which exists and enforces the restricted Pod
 * Security Standard; each pod runs under its own ServiceAccount, which exists, and mounts no API token.
 */
export function namespaceAndAccountProblems(objects) {
  const problems = [];
  const namespace = find(objects, 'Namespace', NAMESPACE);
  if (!namespace) problems.push(`Namespace/${NAMESPACE} is missing`);
  else if (namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted') {
    problems.push(`Namespace/${NAMESPACE}: does not enforce the restricted Pod Security Standard`);
  }
  for (const object of objects) {
    if (isNamespaced(object) && object.metadata?.namespace !== NAMESPACE) {
      problems.push(`${describe(object)}: namespace ${object.metadata?.namespace}, must be ${NAMESPACE}`);
    }
  }
  const accountsInUse = new Map();
  for (const workload of workloads(objects)) {
    const podSpec = podTemplateOf(workload).spec;
    const account = podSpec.serviceAccountName;
    if (!account || account === 'default') {
      problems.push(`${describe(workload)}: runs under the default ServiceAccount`);
      continue;
    }
    if (!find(objects, 'ServiceAccount', account)) problems.push(`${describe(workload)}: ServiceAccount ${account} does not exist`);
    if (podSpec.automountServiceAccountToken !== false) problems.push(`${describe(workload)}: mounts an API token`);
    if (accountsInUse.has(account)) problems.push(`${describe(workload)}: shares ServiceAccount ${account} with ${accountsInUse.get(account)}`);
    accountsInUse.set(account, describe(workload));
  }
  return problems;
}
