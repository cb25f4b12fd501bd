// Cross-checks between the manifests and the rest of the repository: every Secret and ConfigMap a pod uses
// exists with the key it reads; the services get the connection settings they need; the database and
// broker credentials a service uses are those the bootstrap Job and the broker set up; the copies of the
// local stack's bootstrap SQL and broker fragments are current; the Dockerfiles agree with the Deployments.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT, containersOf, describe, find, ofKind, parseManifests, podTemplateOf, readRepoFile, workloads,
} from './manifests.js';
import { QUARKUS_UID, SERVICES } from './workloads.js';

/** The Secrets an operator provides, documented with their keys (no kustomization includes the file). */
export const SECRET_TEMPLATE = 'k8s/secrets/secrets.template.yaml';

export function templateSecrets() {
  return parseManifests(readRepoFile(SECRET_TEMPLATE), SECRET_TEMPLATE).filter((o) => o.kind === 'Secret');
}

function keysOf(object) {
  return new Set([...Object.keys(object.data ?? {}), ...Object.keys(object.stringData ?? {}), ...Object.keys(object.binaryData ?? {})]);
}

/**
 * Every reference to a Secret or ConfigMap (env valueFrom, envFrom, volumes, the Ingress TLS Secret)
 * resolves: a ConfigMap must be in the overlay; a Secret in the overlay or in the template (provided by the
 * operator); a referenced key must exist. Optional references may be absent. A Secret the overlay generates
 * must have exactly the template's keys, so dev and prod need the same ones.
 */
export function referenceProblems(objects, template = templateSecrets()) {
  const problems = [];
  const secret = (name) => find(objects, 'Secret', name) ?? template.find((s) => s.metadata.name === name);
  const check = (where, kind, name, key, optional) => {
    const object = kind === 'Secret' ? secret(name) : find(objects, 'ConfigMap', name);
    if (!object) {
      if (!optional) problems.push(`${where}: ${kind} ${name} exists neither in the overlay${kind === 'Secret' ? ` nor in ${SECRET_TEMPLATE}` : ''}`);
      return;
    }
    if (key !== undefined && !keysOf(object).has(key) && !optional) problems.push(`${where}: ${kind} ${name} has no key ${key}`);
  };
  for (const workload of workloads(objects)) {
    const podSpec = podTemplateOf(workload).spec;
    for (const { container } of containersOf(podSpec)) {
      const where = `${describe(workload)} container ${container.name}`;
      for (const variable of container.env ?? []) {
        const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
        if (secretKeyRef) check(`${where} env ${variable.name}`, 'Secret', secretKeyRef.name, secretKeyRef.key, secretKeyRef.optional);
        if (configMapKeyRef) check(`${where} env ${variable.name}`, 'ConfigMap', configMapKeyRef.name, configMapKeyRef.key, configMapKeyRef.optional);
      }
      for (const source of container.envFrom ?? []) {
        if (source.secretRef) check(`${where} envFrom`, 'Secret', source.secretRef.name, undefined, source.secretRef.optional);
        if (source.configMapRef) check(`${where} envFrom`, 'ConfigMap', source.configMapRef.name, undefined, source.configMapRef.optional);
      }
    }
    for (const volume of podSpec.volumes ?? []) {
      const where = `${describe(workload)} volume ${volume.name}`;
      if (volume.secret) check(where, 'Secret', volume.secret.secretName, undefined, volume.secret.optional);
      if (volume.configMap) check(where, 'ConfigMap', volume.configMap.name, undefined, volume.configMap.optional);
    }
  }
  for (const ingress of ofKind(objects, 'Ingress')) {
    for (const tls of ingress.spec.tls ?? []) check(`${describe(ingress)} tls`, 'Secret', tls.secretName, 'tls.crt', false);
  }
  for (const generated of ofKind(objects, 'Secret')) {
    const documented = template.find((s) => s.metadata.name === generated.metadata.name);
    if (!documented) {
      problems.push(`${describe(generated)}: not documented in ${SECRET_TEMPLATE}`);
      continue;
    }
    const want = [...keysOf(documented)].sort().join(',');
    const have = [...keysOf(generated)].sort().join(',');
    if (want !== have) problems.push(`${describe(generated)}: keys ${have}, ${SECRET_TEMPLATE} has ${want}`);
  }
  return problems;
}

/**
 * A container's environment as name -> {value} or {secretKeyRef}, envFrom ConfigMaps included (env wins over
 * envFrom, as in Kubernetes).
 */
export function environmentOf(objects, container) {
  const environment = new Map();
  for (const source of container.envFrom ?? []) {
    const configMap = source.configMapRef && find(objects, 'ConfigMap', source.configMapRef.name);
    for (const [name, value] of Object.entries(configMap?.data ?? {})) environment.set(name, { value });
  }
  for (const variable of container.env ?? []) {
    environment.set(variable.name, variable.valueFrom?.secretKeyRef
      ? { secretKeyRef: variable.valueFrom.secretKeyRef }
      : { value: variable.value });
  }
  return environment;
}

const sameSecretKey = (a, b) => a && b && a.name === b.name && a.key === b.key;

/** The service's main container (named like the Deployment). */
function mainContainer(deployment) {
  return deployment.spec.template.spec.containers.find((c) => c.name === deployment.metadata.name);
}

/**
 * Each service's environment: the HTTP port is its container's http port; the datasource URLs name the
 * postgres Service and port and database papertrader; AMQP_HOST/PORT name the artemis Service and port;
 * user names are plain values and passwords come from Secrets; JAVA_OPTS caps the heap by MaxRAMPercentage.
 */
export function serviceEnvironmentProblems(objects) {
  const problems = [];
  const postgres = find(objects, 'Service', 'postgres');
  const artemis = find(objects, 'Service', 'artemis');
  const postgresPort = postgres?.spec.ports[0].port;
  const amqpPort = artemis?.spec.ports.find((p) => p.name === 'amqp')?.port;
  for (const service of SERVICES) {
    const deployment = find(objects, 'Deployment', service);
    const container = deployment && mainContainer(deployment);
    if (!container) continue; // reported by singleWriterProblems
    const where = describe(deployment);
    const environment = environmentOf(objects, container);
    const value = (name) => environment.get(name)?.value;
    const expect = (name, wanted) => {
      if (value(name) !== wanted) problems.push(`${where}: ${name} is ${value(name)}, must be ${wanted}`);
    };
    const httpPort = container.ports.find((p) => p.name === 'http')?.containerPort;
    expect('QUARKUS_HTTP_PORT', String(httpPort));
    expect('QUARKUS_DATASOURCE_REACTIVE_URL', `postgresql://postgres:${postgresPort}/papertrader`);
    expect('QUARKUS_DATASOURCE_JDBC_URL', `jdbc:postgresql://postgres:${postgresPort}/papertrader`);
    expect('AMQP_HOST', 'artemis');
    expect('AMQP_PORT', String(amqpPort));
    for (const name of ['QUARKUS_DATASOURCE_USERNAME', 'AMQP_USERNAME']) {
      if (!value(name)) problems.push(`${where}: ${name} is not set`);
    }
    for (const name of ['QUARKUS_DATASOURCE_PASSWORD', 'AMQP_PASSWORD']) {
      if (!environment.get(name)?.secretKeyRef) problems.push(`${where}: ${name} must come from a Secret`);
    }
    if (!/-XX:MaxRAMPercentage=\d+/.test(value('JAVA_OPTS') ?? '')) problems.push(`${where}: JAVA_OPTS sets no -XX:MaxRAMPercentage`);
  }
  return problems;
}

/** The bootstrap SQL copy the Job runs, and the original in the local stack. */
export const BOOTSTRAP_COPY = 'k8s/base/postgres/bootstrap.sql';
export const BOOTSTRAP_ORIGINAL = 'deploy/local-stack/src/main/resources/papertrader/bootstrap.sql';

/** The psql variables bootstrap.sql reads (:'name'). */
export function sqlVariables(sql) {
  const withoutComments = sql.replace(/--[^\n]*/g, '');
  return [...new Set([...withoutComments.matchAll(/:'([A-Za-z_][A-Za-z0-9_]*)'/g)].map((m) => m[1]))].sort();
}

/** The login roles bootstrap.sql creates (ALTER ROLE name WITH LOGIN ...). */
export function sqlLoginRoles(sql) {
  return [...sql.matchAll(/^ALTER ROLE\s+(\w+)\s+WITH LOGIN/gm)].map((m) => m[1]).sort();
}

/**
 * Database credentials: the Job passes exactly the variables bootstrap.sql reads, each `<role>_password`
 * from a Secret key; every service logs in with a distinct role that bootstrap.sql makes a login role, with
 * the very Secret key the Job sets that role's password from.
 */
export function databaseCredentialProblems(objects) {
  const problems = [];
  const sql = readRepoFile(BOOTSTRAP_COPY);
  const job = find(objects, 'Job', 'postgres-bootstrap');
  if (!job) return ['Job/postgres-bootstrap is missing'];
  const container = job.spec.template.spec.containers[0];
  const script = [...(container.command ?? []), ...(container.args ?? [])].join('\n');
  const passed = new Map([...script.matchAll(/--set=([A-Za-z_][A-Za-z0-9_]*)="\$([A-Z_][A-Z0-9_]*)"/g)].map((m) => [m[1], m[2]]));
  const wanted = sqlVariables(sql);
  const given = [...passed.keys()].sort();
  if (wanted.join(',') !== given.join(',')) problems.push(`${describe(job)}: passes psql variables ${given}, bootstrap.sql reads ${wanted}`);
  if (!/--file=\/bootstrap\/bootstrap\.sql/.test(script)) problems.push(`${describe(job)}: does not run /bootstrap/bootstrap.sql`);
  const jobEnvironment = environmentOf(objects, container);
  const roles = sqlLoginRoles(sql);
  const seen = new Set();
  for (const service of SERVICES) {
    const deployment = find(objects, 'Deployment', service);
    const main = deployment && mainContainer(deployment);
    if (!main) continue;
    const environment = environmentOf(objects, main);
    const role = environment.get('QUARKUS_DATASOURCE_USERNAME')?.value;
    if (!roles.includes(role)) problems.push(`${describe(deployment)}: database role ${role} is not a login role of bootstrap.sql (${roles})`);
    if (seen.has(role)) problems.push(`${describe(deployment)}: shares database role ${role}`);
    seen.add(role);
    const jobVariable = passed.get(`${role}_password`);
    const jobSecret = jobVariable && jobEnvironment.get(jobVariable)?.secretKeyRef;
    if (!sameSecretKey(environment.get('QUARKUS_DATASOURCE_PASSWORD')?.secretKeyRef, jobSecret)) {
      problems.push(`${describe(deployment)}: QUARKUS_DATASOURCE_PASSWORD is not the Secret key the Job sets ${role}'s password from`);
    }
    for (const { container: init } of containersOf(deployment.spec.template.spec).filter((c) => c.init)) {
      const initEnvironment = environmentOf(objects, init);
      if (initEnvironment.has('PGUSER') && (initEnvironment.get('PGUSER').value !== role
          || !sameSecretKey(initEnvironment.get('PGPASSWORD')?.secretKeyRef, environment.get('QUARKUS_DATASOURCE_PASSWORD')?.secretKeyRef))) {
        problems.push(`${describe(deployment)} init container ${init.name}: waits for another login than the service's`);
      }
    }
  }
  return problems;
}

/**
 * Broker credentials: each service's AMQP_USERNAME is a distinct user in the broker's BROKER_USERS, whose
 * BROKER_PASSWORD_<USER> is the very Secret key the service's AMQP_PASSWORD comes from.
 */
export function brokerCredentialProblems(objects) {
  const problems = [];
  const broker = find(objects, 'StatefulSet', 'artemis');
  if (!broker) return ['StatefulSet/artemis is missing'];
  const brokerEnvironment = environmentOf(objects, broker.spec.template.spec.containers[0]);
  const users = (brokerEnvironment.get('BROKER_USERS')?.value ?? '').split(/\s+/).filter(Boolean);
  const seen = new Set();
  for (const service of SERVICES) {
    const deployment = find(objects, 'Deployment', service);
    const main = deployment && mainContainer(deployment);
    if (!main) continue;
    const environment = environmentOf(objects, main);
    const user = environment.get('AMQP_USERNAME')?.value;
    if (!users.includes(user)) problems.push(`${describe(deployment)}: broker user ${user} is not in the broker's BROKER_USERS (${users})`);
    if (seen.has(user)) problems.push(`${describe(deployment)}: shares broker user ${user}`);
    seen.add(user);
    const brokerSecret = brokerEnvironment.get(`BROKER_PASSWORD_${String(user).toUpperCase()}`)?.secretKeyRef;
    if (!sameSecretKey(environment.get('AMQP_PASSWORD')?.secretKeyRef, brokerSecret)) {
      problems.push(`${describe(deployment)}: AMQP_PASSWORD is not the Secret key the broker sets ${user}'s password from`);
    }
  }
  return problems;
}

/** The broker files the artemis-config ConfigMap carries, and the originals of the two generated fragments. */
export const BROKER_FRAGMENTS = ['papertrader-addresses.xml', 'papertrader-address-settings.xml'];
export const BROKER_COPY_DIRECTORY = 'k8s/base/artemis';
export const BROKER_ORIGINAL_DIRECTORY = 'deploy/local-stack/src/main/resources/papertrader/artemis';

/**
 * The broker configuration hangs together: artemis-config carries broker.xml, the fragments and the start
 * script; broker.xml includes exactly the fragments (by ${artemis.instance}/etc/NAME, where the start script
 * copies them); its AMQP acceptor listens on the artemis container's amqp port; the roles it grants are
 * those the start script and artemis create give.
 */
export function brokerConfigurationProblems(objects) {
  const problems = [];
  const configMap = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('artemis-config'));
  if (!configMap) return ['ConfigMap artemis-config is missing'];
  for (const key of ['broker.xml', 'start-broker.sh', ...BROKER_FRAGMENTS]) {
    if (!(key in (configMap.data ?? {}))) problems.push(`ConfigMap ${configMap.metadata.name}: no key ${key}`);
  }
  const brokerXml = configMap.data['broker.xml'] ?? '';
  const script = configMap.data['start-broker.sh'] ?? '';
  const includes = [...brokerXml.matchAll(/<xi:include href="\$\{artemis\.instance\}\/etc\/([^"]+)"\/>/g)].map((m) => m[1]).sort();
  if (includes.join(',') !== [...BROKER_FRAGMENTS].sort().join(',')) problems.push(`broker.xml includes ${includes}, must include ${BROKER_FRAGMENTS}`);
  for (const fragment of BROKER_FRAGMENTS) {
    if (!script.includes(`"$config/${fragment}"`)) problems.push(`start-broker.sh does not copy ${fragment} into the instance`);
  }
  const broker = find(objects, 'StatefulSet', 'artemis');
  const amqpPort = broker?.spec.template.spec.containers[0].ports.find((p) => p.name === 'amqp')?.containerPort;
  const acceptor = /<acceptor name="amqp">tcp:\/\/0\.0\.0\.0:(\d+)\?protocols=AMQP/.exec(brokerXml);
  if (!acceptor || Number(acceptor[1]) !== amqpPort) problems.push(`broker.xml's AMQP acceptor port ${acceptor?.[1]} is not the container's amqp port ${amqpPort}`);
  const roles = new Set([...brokerXml.matchAll(/roles="([^"]+)"/g)].flatMap((m) => m[1].split(',')));
  for (const role of roles) {
    const madeBy = role === 'amq' ? /--role amq\b/.test(script) : script.includes(`'${role} = %s\\n'`);
    if (!madeBy) problems.push(`broker.xml grants role ${role}, which start-broker.sh does not create`);
  }
  return problems;
}

/**
 * The addresses of docs/contracts.md's address table ("| `name` | multicast |") and their routing types.
 */
export function contractAddresses(markdown = readRepoFile('docs/contracts.md')) {
  return [...markdown.matchAll(/^\|\s*`([a-z.]+)`\s*\|\s*(multicast|anycast)\s*\|/gm)].map((m) => ({ name: m[1], routing: m[2] }));
}

/** The addresses of the broker fragment with their routing types (<address name="x"><multicast>). */
export function fragmentAddresses(xml) {
  return [...xml.matchAll(/<address name="([^"]+)">\s*<(multicast|anycast)>/g)].map((m) => ({ name: m[1], routing: m[2] }));
}

/** Every address of docs/contracts.md is in the broker topology with the same routing type, and no other. */
export function topologyProblems() {
  const contract = contractAddresses();
  const broker = fragmentAddresses(readRepoFile(`${BROKER_COPY_DIRECTORY}/papertrader-addresses.xml`));
  const key = (a) => `${a.name}:${a.routing}`;
  const problems = [];
  if (contract.length === 0) problems.push('docs/contracts.md: no address table found');
  for (const address of contract) {
    if (!broker.some((b) => key(b) === key(address))) problems.push(`broker topology lacks ${key(address)} (docs/contracts.md)`);
  }
  for (const address of broker) {
    if (!contract.some((c) => key(c) === key(address))) problems.push(`broker topology has ${key(address)}, which docs/contracts.md does not list`);
  }
  return problems;
}

/** Pairs (copy, original) that k8s/base keeps of the local stack's files. */
export function copiedFiles() {
  return [
    { copy: BOOTSTRAP_COPY, original: BOOTSTRAP_ORIGINAL },
    ...BROKER_FRAGMENTS.map((fragment) => ({
      copy: `${BROKER_COPY_DIRECTORY}/${fragment}`, original: `${BROKER_ORIGINAL_DIRECTORY}/${fragment}`,
    })),
  ];
}

export function repoFileExists(relativePath) {
  return existsSync(path.join(REPO_ROOT, relativePath));
}

/**
 * Each service module's Dockerfile.jvm and Dockerfile.native exist, run as the uid the Deployment uses and
 * expose the container's http port; the JVM image starts run-java.sh (which reads JAVA_OPTS).
 */
export function dockerfileProblems(objects) {
  const problems = [];
  for (const service of SERVICES) {
    const deployment = find(objects, 'Deployment', service);
    const main = deployment && mainContainer(deployment);
    const httpPort = main?.ports.find((p) => p.name === 'http')?.containerPort;
    for (const flavour of ['jvm', 'native']) {
      const file = `${service}/src/main/docker/Dockerfile.${flavour}`;
      if (!repoFileExists(file)) {
        problems.push(`${file} is missing`);
        continue;
      }
      const text = readRepoFile(file);
      // The image of every stage, with build arguments (ARG NAME=default) replaced by their defaults.
      const args = Object.fromEntries([...text.matchAll(/^ARG\s+(\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      const bases = [...text.matchAll(/^FROM\s+(\S+)/gm)]
        .map((m) => m[1].replace(/\$\{(\w+)\}/g, (whole, name) => args[name] ?? whole));
      const expectedBase = flavour === 'jvm' ? 'registry.access.redhat.com/ubi9/openjdk-25-runtime:' : 'quay.io/quarkus/ubi9-quarkus-micro-image:';
      if (bases.length === 0) problems.push(`${file}: has no FROM`);
      for (const base of bases) {
        if (!base.startsWith(expectedBase)) problems.push(`${file}: FROM ${base}, expected ${expectedBase}<tag>`);
      }
      if (!new RegExp(`^USER ${QUARKUS_UID}$`, 'm').test(text)) problems.push(`${file}: does not run as USER ${QUARKUS_UID}`);
      if (!new RegExp(`^EXPOSE ${httpPort}$`, 'm').test(text)) problems.push(`${file}: does not EXPOSE ${httpPort}, the Deployment's http port`);
      if (flavour === 'jvm' && !text.includes('/opt/jboss/container/java/run/run-java.sh')) problems.push(`${file}: does not start run-java.sh`);
    }
  }
  return problems;
}
