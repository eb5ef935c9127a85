// The ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects of one YAML file, as CEL
// data with where each is written: what the workspace index keeps of a file for admission policies
// (issue 14), and what a policy file's own checks start from.
import { SourceFile } from '../source';
import { hasTemplates, maskTemplates, parseYamlStream } from '../parse/yaml';
import { buildK8sModel, isKubernetesDocument, type K8sObject, type K8sModel } from '../parse/kubernetes';
import { celValueOf, type CelData } from '../policy/cel/values';
import type { Range } from '../model';
import { FileCache } from './fileCache';

export const POLICY_KIND = 'ValidatingAdmissionPolicy';
export const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';

/** A policy or binding: its name, its whole object as CEL data, its file and its `kind:` value's range. */
export interface AdmissionObject {
  kind: typeof POLICY_KIND | typeof BINDING_KIND;
  name: string;
  data: CelData;
  path: string;
  range: Range;
}

export interface FileAdmissionObjects {
  objects: AdmissionObject[];
  /** The objects' source text: equal fingerprints mean other files see the same policies. */
  fingerprint: string;
}

export function isAdmissionObject(o: { apiVersion: string; kind: string }): boolean {
  return (o.kind === POLICY_KIND || o.kind === BINDING_KIND) && o.apiVersion.startsWith('admissionregistration.k8s.io/');
}

/** The admission objects of a parsed model (a file's own, or one the index parsed). */
export function admissionObjectsOf(model: K8sModel, path: string): FileAdmissionObjects {
  const objects: AdmissionObject[] = [];
  let fingerprint = '';
  for (const o of model.objects) {
    if (!isAdmissionObject(o) || !o.name) continue;
    objects.push({ kind: o.kind as AdmissionObject['kind'], name: o.name, data: celValueOf(o.doc, o.node), path, range: o.doc.rangeOf(o.kindPair.value ?? o.kindPair.key) });
    const [start, end] = o.doc.offsets(o.node);
    fingerprint += `${o.doc.src.text.slice(start, end)}\n---\n`;
  }
  return { objects, fingerprint };
}

/** The admission objects of the YAML file at `path`; a cheap text test skips every other file. */
export function indexAdmissionObjects(text: string, path: string): FileAdmissionObjects {
  if (!text.includes(POLICY_KIND)) return { objects: [], fingerprint: '' };
  return admissionObjectsOf(modelOf(text, path), path);
}

/** Every object of a YAML file as CEL data, with its kind, name and namespace: params are looked up here. */
export function objectsDataOf(text: string, path: string): Array<Pick<K8sObject, 'apiVersion' | 'kind' | 'name' | 'namespace'> & { data: CelData }> {
  return modelOf(text, path).objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, data: celValueOf(o.doc, o.node) }));
}

function modelOf(text: string, path: string): K8sModel {
  const stream = parseYamlStream(new SourceFile(path, text), hasTemplates(text) ? maskTemplates(text) : text);
  return buildK8sModel(stream.documents.filter(isKubernetesDocument));
}

const admissionIndexes = new FileCache<FileAdmissionObjects>(20_000);
/** Files holding a policy's params, as CEL data (few files: only those a binding's paramRef names). */
const objectsData = new FileCache<ReturnType<typeof objectsDataOf>>(1_000);

/** The admission objects of the file at `path`, computed once per text. */
export const cachedAdmissionObjects = (path: string, text: string): FileAdmissionObjects => admissionIndexes.get(path, text, indexAdmissionObjects);

/** Every object of the file at `path` as CEL data, computed once per text. */
export const cachedObjectsData = (path: string, text: string): ReturnType<typeof objectsDataOf> => objectsData.get(path, text, objectsDataOf);
