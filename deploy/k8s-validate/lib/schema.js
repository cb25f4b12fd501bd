// Offline validation against the Kubernetes OpenAPI schemas (the npm package kubernetes-models), plus
// detection of fields the schema does not know (a typo such as "readinesProbe" is otherwise accepted,
// because the Kubernetes schemas allow additional properties; the API server would drop it silently or,
// with strict field validation, reject it).
import { describe as name } from './manifests.js';

/** apiVersion/kind -> [model module, compiled schema module] of every kind our manifests may use. */
export const MODELS = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'IoK8sApiCoreV1Namespace'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IoK8sApiCoreV1ServiceAccount'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IoK8sApiCoreV1Service'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IoK8sApiCoreV1ConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'IoK8sApiCoreV1Secret'],
  'v1/PersistentVolumeClaim': ['kubernetes-models/v1/PersistentVolumeClaim', 'IoK8sApiCoreV1PersistentVolumeClaim'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IoK8sApiAppsV1Deployment'],
  'apps/v1/StatefulSet': ['kubernetes-models/apps/v1/StatefulSet', 'IoK8sApiAppsV1StatefulSet'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'IoK8sApiBatchV1Job'],
  'batch/v1/CronJob': ['kubernetes-models/batch/v1/CronJob', 'IoK8sApiBatchV1CronJob'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IoK8sApiNetworkingV1Ingress'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'IoK8sApiNetworkingV1NetworkPolicy'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IoK8sApiPolicyV1PodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IoK8sApiAutoscalingV2HorizontalPodAutoscaler'],
};

/**
 * Problems of one object against its kind's schema: an unknown apiVersion/kind, every schema violation
 * (from `new Model(object).validate()`), and, when the object is otherwise valid, every field the schema does
 * not define. Empty when the object is valid.
 */
export async function schemaProblems(object) {
  const key = `${object?.apiVersion}/${object?.kind}`;
  const entry = MODELS[key];
  if (!entry) return [`${name(object)}: no schema for ${key} (add the kind to MODELS in lib/schema.js)`];
  const [modelModule, schemaModule] = entry;
  const Model = (await import(modelModule))[object.kind];
  try {
    new Model(withUnwrappedSecretData(object)).validate();
  } catch (error) {
    return [`${name(object)}: ${error.message}`];
  }
  const { validate } = await import(`kubernetes-models/_schemas/${schemaModule}`);
  return unknownFields(object, validate).map((pointer) => `${name(object)}: field ${pointer} is not in the ${key} schema`);
}

/**
 * JSON pointers of the object's fields that the compiled schema validator never looks at. The validator reads
 * each property its schema defines (`data.spec`, `data.replicas`, ...) and enumerates the keys of maps
 * (`for (key in data)`, e.g. labels); a property of a non-map object that it never read is not in the schema.
 * The object is watched through a Proxy while the validator runs.
 */
export function unknownFields(object, validate) {
  const watched = [];
  const proxies = new WeakMap();
  const watch = (value, pointer) => {
    if (value === null || typeof value !== 'object') return value;
    if (proxies.has(value)) return proxies.get(value);
    const record = { value, pointer, read: new Set(), enumerated: false };
    watched.push(record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return child;
        record.read.add(key);
        return watch(child, `${pointer}/${key}`);
      },
      has(target, key) {
        if (typeof key === 'string') record.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  validate(watch(object, ''));
  const unknown = [];
  for (const record of watched) {
    if (Array.isArray(record.value) || record.enumerated) continue;
    for (const key of Object.keys(record.value)) {
      if (!record.read.has(key)) unknown.push(`${record.pointer}/${key}`);
    }
  }
  return unknown.sort();
}

/**
 * kustomize writes a long generated Secret value (e.g. a PEM key) as a YAML block of base64 lines; the API server
 * decodes base64 ignoring line breaks (Go's decoder skips them), but the schema's "byte" format does not, so the
 * schema sees the value with its line breaks removed.
 */
function withUnwrappedSecretData(object) {
  if (object?.kind !== 'Secret' || !object.data) return object;
  const data = Object.fromEntries(Object.entries(object.data)
    .map(([key, value]) => [key, typeof value === 'string' ? value.replace(/\n/g, '') : value]));
  return { ...object, data };
}
