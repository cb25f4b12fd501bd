// Rendering the overlays with kustomize and looking objects up in the result.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The repository root (this file is deploy/k8s-validate/lib/manifests.js). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The overlays that are deployed, each checked on its own. */
export const OVERLAYS = ['dev', 'prod'];

/** The namespace every papertrader object lives in. */
export const NAMESPACE = 'papertrader';

/** Kinds that are not namespaced (the rest must be in {@link NAMESPACE}). */
const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume',
  'StorageClass', 'IngressClass', 'PriorityClass', 'CustomResourceDefinition']);

export function isNamespaced(object) {
  return !CLUSTER_SCOPED_KINDS.has(object.kind);
}

/** Reads a file given relative to the repository root. */
export function readRepoFile(relativePath) {
  return readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
}

/**
 * Parses a multi-document YAML stream into plain objects, skipping empty documents.
 * Throws on a YAML error, naming the document.
 */
export function parseManifests(text, source = 'manifests') {
  const objects = [];
  parseAllDocuments(text).forEach((document, index) => {
    if (document.errors.length > 0) {
      throw new Error(`${source}, document ${index + 1}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const object = document.toJS();
    if (object !== null && object !== undefined) objects.push(object);
  });
  return objects;
}

const rendered = new Map();

/**
 * The objects of k8s/overlays/NAME: read from $K8S_RENDERED_DIR/NAME.yaml when that variable is set
 * (validate.sh renders each overlay once for all test files), otherwise rendered here with
 * `kubectl kustomize` (the kustomize built into kubectl, offline; KUBECTL names another binary). Cached per
 * process.
 */
export function renderOverlay(name) {
  if (!rendered.has(name) && process.env.K8S_RENDERED_DIR) {
    const file = path.join(process.env.K8S_RENDERED_DIR, `${name}.yaml`);
    rendered.set(name, parseManifests(readFileSync(file, 'utf8'), file));
  }
  if (!rendered.has(name)) {
    const directory = path.join(REPO_ROOT, 'k8s', 'overlays', name);
    const kubectl = process.env.KUBECTL || 'kubectl';
    let text;
    try {
      text = execFileSync(kubectl, ['kustomize', directory], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const detail = error.code === 'ENOENT'
        ? `${kubectl} not found: install kubectl (1.27 or newer bundles kustomize) or set KUBECTL`
        : (error.stderr || error.message);
      throw new Error(`kubectl kustomize k8s/overlays/${name} failed: ${detail}`);
    }
    rendered.set(name, parseManifests(text, `k8s/overlays/${name}`));
  }
  return rendered.get(name);
}

/** "Kind/name" for messages. */
export function describe(object) {
  return `${object?.kind ?? '?'}/${object?.metadata?.name ?? '?'}`;
}

/** All objects of one kind. */
export function ofKind(objects, kind) {
  return objects.filter((object) => object.kind === kind);
}

/** The one object of a kind and name, or undefined. */
export function find(objects, kind, name) {
  return objects.find((object) => object.kind === kind && object.metadata?.name === name);
}

/** Whether a label selector ({matchLabels, matchExpressions}) selects the given labels. */
export function selectorMatches(selector, labels = {}) {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In': if (!has || !expression.values.includes(value)) return false; break;
      case 'NotIn': if (has && expression.values.includes(value)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: throw new Error(`unknown selector operator ${expression.operator}`);
    }
  }
  return true;
}

/** The workload kinds whose pods the checks look at, and where each keeps its pod template. */
export function podTemplateOf(object) {
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return object.spec?.template;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template;
    case 'Pod':
      return { metadata: object.metadata, spec: object.spec };
    default:
      return undefined;
  }
}

/** Every object that runs pods. */
export function workloads(objects) {
  return objects.filter((object) => podTemplateOf(object) !== undefined);
}

/** A workload's init containers and containers, each with a flag telling which it is. */
export function containersOf(podSpec) {
  return [
    ...(podSpec?.initContainers ?? []).map((container) => ({ container, init: true })),
    ...(podSpec?.containers ?? []).map((container) => ({ container, init: false })),
  ];
}
