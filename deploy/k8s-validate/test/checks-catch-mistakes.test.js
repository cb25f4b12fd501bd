// The checks fail when the manifests are wrong: each test breaks one thing in a copy of the dev overlay and
// expects the matching check to report it (so a check that passes above is not one that cannot fail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { find, renderOverlay } from '../lib/manifests.js';
import { schemaProblems } from '../lib/schema.js';
import { podProblems } from '../lib/pods.js';
import { disruptionBudgetProblems, serviceProblems, singleWriterProblems } from '../lib/workloads.js';
import { ingressProblems } from '../lib/ingress.js';
import { networkPolicyProblems } from '../lib/network-policy.js';
import { SERVICES } from '../lib/workloads.js';
import {
  brokerConfigurationProblems, brokerCredentialProblems, databaseCredentialProblems, referenceProblems,
  serviceEnvironmentProblems,
} from '../lib/consistency.js';
import { parseQuantity } from '../lib/quantity.js';

/** A fresh copy of the dev overlay's objects and a way to find one in it. */
function devCopy() {
  const objects = structuredClone(renderOverlay('dev'));
  return { objects, get: (kind, name) => find(objects, kind, name) };
}

/** Asserts that some problem contains the fragment. */
function reports(problems, fragment) {
  assert.ok(problems.some((p) => p.includes(fragment)), `expected a problem containing "${fragment}", got ${JSON.stringify(problems)}`);
}

test('schema: a misspelt field is reported', async () => {
  const { get } = devCopy();
  const deployment = get('Deployment', 'order-service');
  deployment.spec.template.spec.containers[0].readinesProbe = deployment.spec.template.spec.containers[0].readinessProbe;
  reports(await schemaProblems(deployment), 'field /spec/template/spec/containers/0/readinesProbe is not in the apps/v1/Deployment schema');
});

test('schema: a wrong type is reported', async () => {
  const { get } = devCopy();
  const deployment = get('Deployment', 'order-service');
  deployment.spec.replicas = 'one';
  reports(await schemaProblems(deployment), 'replicas must be integer');
});

test('schema: an unknown kind is reported', async () => {
  reports(await schemaProblems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }), 'no schema for example.com/v1/Widget');
});

test('schema: a valid HorizontalPodAutoscaler passes, a broken one does not', async () => {
  const hpa = {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'papertrader' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'order-service' }, minReplicas: 1, maxReplicas: 3 },
  };
  assert.deepEqual(await schemaProblems(hpa), []);
  delete hpa.spec.maxReplicas;
  reports(await schemaProblems(hpa), 'maxReplicas');
});

test('pods: a missing liveness probe, memory limit or /tmp is reported', () => {
  const { objects, get } = devCopy();
  const container = get('Deployment', 'portfolio-service').spec.template.spec.containers[0];
  delete container.livenessProbe;
  delete container.resources.limits.memory;
  container.volumeMounts = [];
  const problems = podProblems(objects);
  reports(problems, 'Deployment/portfolio-service container portfolio-service: no livenessProbe');
  reports(problems, 'Deployment/portfolio-service container portfolio-service: no memory limit');
  reports(problems, 'Deployment/portfolio-service container portfolio-service: no volume at /tmp');
});

test('pods: root, privilege escalation, kept capabilities and a writable root filesystem are reported', () => {
  const { objects, get } = devCopy();
  const template = get('StatefulSet', 'artemis').spec.template;
  template.spec.securityContext.runAsUser = 0;
  delete template.spec.securityContext.runAsNonRoot;
  const context = template.spec.containers[0].securityContext;
  context.allowPrivilegeEscalation = true;
  context.capabilities = { drop: ['NET_RAW'] };
  context.readOnlyRootFilesystem = false;
  const problems = podProblems(objects);
  for (const fragment of ['runAsNonRoot is not true', 'runs as uid 0', 'allowPrivilegeEscalation is not false',
    'does not drop ALL capabilities', 'root filesystem is not read-only']) {
    reports(problems, `StatefulSet/artemis container artemis: ${fragment}`);
  }
});

test('pods: init containers need resources and security too, and may not carry probes', () => {
  const { objects, get } = devCopy();
  const init = get('Deployment', 'monitor-service').spec.template.spec.initContainers[0];
  delete init.resources;
  delete init.securityContext;
  init.readinessProbe = { tcpSocket: { port: 5432 } };
  const problems = podProblems(objects);
  reports(problems, 'container wait-for-dependencies: no cpu request');
  reports(problems, 'container wait-for-dependencies: allowPrivilegeEscalation is not false');
  reports(problems, 'container wait-for-dependencies: an init container cannot have a readinessProbe');
});

test('pods: a Job needs no probes but an untagged image is reported', () => {
  const { objects, get } = devCopy();
  const job = get('Job', 'postgres-bootstrap');
  job.spec.template.spec.containers[0].image = 'postgres';
  const problems = podProblems(objects);
  assert.ok(!problems.some((p) => p.includes('Job/postgres-bootstrap') && p.includes('Probe')));
  reports(problems, 'Job/postgres-bootstrap container psql: image postgres has no tag');
});

test('workloads: scaling out a single writer, a rolling update or an HPA on it are reported', () => {
  const { objects, get } = devCopy();
  const orders = get('Deployment', 'order-service');
  orders.spec.replicas = 2;
  orders.spec.strategy = { type: 'RollingUpdate' };
  objects.push({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'router', namespace: 'papertrader' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'signal-router-service' }, maxReplicas: 3 },
  });
  const problems = singleWriterProblems(objects);
  reports(problems, 'Deployment/order-service: replicas 2');
  reports(problems, 'Deployment/order-service: strategy must be Recreate');
  reports(problems, 'HorizontalPodAutoscaler/router: scales Deployment/signal-router-service, a single writer');
});

test('workloads: a PDB that blocks drains, or none, is reported', () => {
  const { objects, get } = devCopy();
  get('PodDisruptionBudget', 'postgres').spec = { minAvailable: 1, selector: get('PodDisruptionBudget', 'postgres').spec.selector };
  objects.splice(objects.indexOf(get('PodDisruptionBudget', 'artemis')), 1);
  const problems = disruptionBudgetProblems(objects);
  reports(problems, 'PodDisruptionBudget/postgres: never allows evicting StatefulSet/postgres');
  reports(problems, 'StatefulSet/artemis: covered by 0 PodDisruptionBudgets');
});

test('workloads: a Service port reaching no container port is reported', () => {
  const { objects, get } = devCopy();
  get('Service', 'order-service').spec.ports[0].targetPort = 'web';
  reports(serviceProblems(objects), 'Service/order-service: port http reaches no container port');
});

test('ingress: a missing route, a wrong backend and missing WebSocket timeouts are reported', () => {
  const { objects, get } = devCopy();
  const ingress = get('Ingress', 'papertrader');
  const paths = ingress.spec.rules[0].http.paths;
  paths.splice(paths.findIndex((p) => p.path === '/api/orders'), 1);
  paths.find((p) => p.path === '/ws/alerts').backend.service.name = 'portfolio-service';
  delete ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'];
  const problems = ingressProblems(objects);
  reports(problems, 'route /api/orders is not routed');
  reports(problems, 'request /api/orders/x/y reaches monitor-service, must reach order-service');
  reports(problems, '/ws/alerts goes to portfolio-service:http');
  reports(problems, 'proxy-read-timeout must be at least 3600');
});

test('network policies: an allow-all egress policy or a missing default deny is reported', () => {
  const { objects, get } = devCopy();
  objects.push({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'oops', namespace: 'papertrader' },
    spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'order-service' } }, policyTypes: ['Egress'], egress: [{}] },
  });
  reports(networkPolicyProblems(objects, SERVICES), 'order-service -> stranger:8080/TCP is allowed, must be denied');
  objects.splice(objects.indexOf(get('NetworkPolicy', 'default-deny-all')), 1);
  const problems = networkPolicyProblems(objects, SERVICES);
  reports(problems, 'no default-deny NetworkPolicy');
  // without it, PostgreSQL may open connections anywhere
  reports(problems, 'postgres -> stranger:8080/TCP is allowed, must be denied');
});

test('consistency: a Secret key nobody provides is reported', () => {
  const { objects, get } = devCopy();
  const variable = get('Deployment', 'order-service').spec.template.spec.containers[0].env.find((e) => e.name === 'AMQP_PASSWORD');
  variable.valueFrom.secretKeyRef.key = 'order';
  reports(referenceProblems(objects), 'Secret broker-credentials has no key order');
});

test('consistency: a service pointed at the wrong broker port is reported', () => {
  const { objects } = devCopy();
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('papertrader-service-env'));
  configMap.data.AMQP_PORT = '61616';
  reports(serviceEnvironmentProblems(objects), 'AMQP_PORT is 61616, must be 5672');
});

test('consistency: database and broker passwords from the wrong Secret key are reported', () => {
  const { objects, get } = devCopy();
  const env = get('Deployment', 'portfolio-service').spec.template.spec.containers[0].env;
  env.find((e) => e.name === 'QUARKUS_DATASOURCE_PASSWORD').valueFrom.secretKeyRef.key = 'orders_svc';
  env.find((e) => e.name === 'AMQP_USERNAME').value = 'orders';
  reports(databaseCredentialProblems(objects), "Deployment/portfolio-service: QUARKUS_DATASOURCE_PASSWORD is not the Secret key the Job sets portfolio_svc's password from");
  reports(brokerCredentialProblems(objects), 'Deployment/portfolio-service: shares broker user orders');
});

test('consistency: a broker.xml including a fragment the ConfigMap lacks is reported', () => {
  const { objects } = devCopy();
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('artemis-config'));
  delete configMap.data['papertrader-address-settings.xml'];
  configMap.data['broker.xml'] = configMap.data['broker.xml'].replace('roles="amq,papertrader-service"', 'roles="amq,services"');
  const problems = brokerConfigurationProblems(objects);
  reports(problems, 'no key papertrader-address-settings.xml');
  reports(problems, 'grants role services, which start-broker.sh does not create');
});

test('quantities: CPU and memory suffixes', () => {
  assert.equal(parseQuantity('500m'), 0.5);
  assert.equal(parseQuantity('2'), 2);
  assert.equal(parseQuantity(1), 1);
  assert.equal(parseQuantity('384Mi'), 384 * 1024 * 1024);
  assert.equal(parseQuantity('1Gi'), 1024 ** 3);
  assert.equal(parseQuantity('1G'), 1e9);
  assert.throws(() => parseQuantity('1 GB'), /not a quantity/);
});
