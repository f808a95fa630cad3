import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'
import { Ajv, type ValidateFunction } from 'ajv'
import { parseAllDocuments } from 'yaml'

/**
 * Renders and validates the Kubernetes manifests of ops/k8s without kubectl.
 *
 * Rendering: the subset of kustomize that ops/k8s uses, and nothing more:
 * `resources` (files and directories with a kustomization), `namespace`,
 * `images` (newName/newTag/digest), `patches` given by `path` (strategic
 * merge patches targeting a resource by kind and name). Any other field of a
 * kustomization throws, so a kustomization that grows a feature this
 * renderer does not know fails the tests instead of rendering wrongly.
 *
 * Validation against the official schemas, strictly (as `kubectl apply
 * --validate=strict` does):
 * - built-in kinds: `kubernetes-models` (generated from the Kubernetes
 *   OpenAPI spec; Prometheus Operator kinds: `@kubernetes-models/prometheus-operator`,
 *   generated from its CRDs) twice: its runtime validator (types, formats, required
 *   fields) and its TypeScript interfaces, through the compiler's excess
 *   property check, for unknown fields (the runtime validator allows them).
 * - CloudNativePG kinds: the CRD's openAPIV3Schema of CloudNativePG 1.30.0
 *   (ops/k8s/schemas, descriptions stripped) with Ajv, unknown fields
 *   rejected wherever the CRD does not preserve them.
 * A kind with no schema here is an error, never silently accepted.
 */

export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
  [field: string]: any
}

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..')
export const K8S_DIR = join(ROOT, 'ops/k8s')
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches'])
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'IngressClass', 'PriorityClass', 'CustomResourceDefinition', 'ClusterIssuer'])

/** Every YAML document of a file (empty documents, e.g. a leading comment block, skipped); a syntax error or a duplicate key throws */
export function loadYamlDocuments(file: string, text = readFileSync(file, 'utf8')): Manifest[] {
  const documents = parseAllDocuments(text)
  if (!Array.isArray(documents)) throw new Error(`${file}: not YAML documents`)
  const out: Manifest[] = []
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`)
    const value = document.toJS()
    if (value !== null && value !== undefined) out.push(value)
  }
  return out
}

function resourceId(manifest: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>) {
  return `${manifest.apiVersion.split('/').slice(0, -1).join('/') || 'core'}/${manifest.kind}/${manifest.metadata?.name}`
}

/** The rendered documents of a kustomization directory (what `kubectl kustomize DIR` prints, for the features above) */
export function renderKustomization(directory: string): Manifest[] {
  const file = join(directory, 'kustomization.yaml')
  const [kustomization] = loadYamlDocuments(file) as any[]
  if (kustomization?.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || kustomization?.kind !== 'Kustomization') {
    throw new Error(`${file}: not a kustomize.config.k8s.io/v1beta1 Kustomization`)
  }
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new Error(`${file}: field "${field}" is not supported by this renderer`)
  }

  let manifests: Manifest[] = []
  for (const resource of kustomization.resources ?? []) {
    const path = join(directory, resource)
    const isKustomization = statSync(path).isDirectory()
    if (isKustomization && !existsSync(join(path, 'kustomization.yaml'))) throw new Error(`${path}: no kustomization.yaml`)
    manifests.push(...(isKustomization ? renderKustomization(path) : loadYamlDocuments(path)))
  }
  const ids = manifests.map(resourceId)
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index)
  if (duplicate) throw new Error(`${file}: ${duplicate} is defined twice`)

  for (const patch of kustomization.patches ?? []) {
    const keys = Object.keys(patch)
    if (keys.length !== 1 || typeof patch.path !== 'string') throw new Error(`${file}: only "patches: - path: FILE" is supported`)
    for (const document of loadYamlDocuments(join(directory, patch.path))) {
      const index = manifests.findIndex((manifest) => resourceId(manifest) === resourceId(document))
      if (index === -1) throw new Error(`${patch.path}: no resource ${resourceId(document)} to patch`)
      if (!builtInModule(document)?.startsWith('kubernetes-models/')) throw new Error(`${patch.path}: strategic merge patches of custom resources are not supported`)
      manifests[index] = strategicMerge(manifests[index], document)
    }
  }

  for (const image of kustomization.images ?? []) manifests = manifests.map((manifest) => setImage(manifest, image))

  if (kustomization.namespace) {
    manifests = manifests.map((manifest) =>
      CLUSTER_SCOPED.has(manifest.kind) ? manifest : { ...manifest, metadata: { ...manifest.metadata, namespace: kustomization.namespace } }
    )
  }
  return manifests
}

/**
 * Kubernetes' strategic merge for the lists ops/k8s patches: maps merge
 * recursively, lists with a patch merge key (containers and env by name,
 * volumeMounts by mountPath, ports by containerPort/port) merge item by
 * item, every other list is replaced, null deletes.
 */
const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  ports: ['containerPort', 'port'],
}

export function strategicMerge(base: any, patch: any, field = ''): any {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const merged: Record<string, any> = { ...base }
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key]
      else merged[key] = key in base ? strategicMerge(base[key], value, key) : structuredClone(value)
    }
    return merged
  }
  if (Array.isArray(base) && Array.isArray(patch) && MERGE_KEYS[field]) {
    const key = MERGE_KEYS[field].find((candidate) => patch.every((item) => isPlainObject(item) && candidate in item))
    if (!key) throw new Error(`patch of "${field}": every item needs its merge key (${MERGE_KEYS[field].join(' or ')})`)
    const merged = [...base]
    for (const item of patch) {
      const index = merged.findIndex((existing) => existing?.[key] === item[key])
      if (index === -1) merged.push(structuredClone(item))
      else merged[index] = strategicMerge(merged[index], item)
    }
    return merged
  }
  return structuredClone(patch)
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The pod spec of a workload, wherever its kind keeps it */
export function podSpecOf(manifest: Manifest): Record<string, any> | undefined {
  switch (manifest.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return manifest.spec?.template?.spec
    case 'CronJob':
      return manifest.spec?.jobTemplate?.spec?.template?.spec
    default:
      return undefined
  }
}

/** The images transformer: `name` → `newName[:newTag|@digest]` on every container whose image has that name */
function setImage(manifest: Manifest, image: { name: string; newName?: string; newTag?: string; digest?: string }) {
  const spec = podSpecOf(manifest)
  if (!spec) return manifest
  const copy = structuredClone(manifest)
  const copySpec = podSpecOf(copy)!
  for (const container of [...(copySpec.containers ?? []), ...(copySpec.initContainers ?? [])]) {
    const name = String(container.image).replace(/@.*$/, '').replace(/:[^/:]+$/, '')
    if (name !== image.name) continue
    const tag = image.digest ? `@${image.digest}` : image.newTag ? `:${image.newTag}` : String(container.image).slice(name.length)
    container.image = `${image.newName ?? name}${tag}`
  }
  return copy
}

/*
|--------------------------------------------------------------------------
| Validation
|--------------------------------------------------------------------------
*/

export interface ValidationIssue {
  resource: string
  message: string
}

/** Model packages of API groups that are not Kubernetes' own (same generator, same validation) */
const MODEL_PACKAGES: Record<string, string> = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
}

/** `kubernetes-models/<group>/<version>/<Kind>` (or the group's package) when the package has that kind */
function builtInModule(manifest: Pick<Manifest, 'apiVersion' | 'kind'>): string | null {
  if (typeof manifest.apiVersion !== 'string' || !/^[A-Za-z]+$/.test(String(manifest.kind))) return null
  const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : ''
  const specifier = `${MODEL_PACKAGES[group] ?? 'kubernetes-models'}/${manifest.apiVersion}/${manifest.kind}`
  try {
    import.meta.resolve(specifier)
    return specifier
  } catch {
    return null
  }
}

const CRD_SCHEMAS: Record<string, string> = {
  'postgresql.cnpg.io/v1/Cluster': 'cnpg-v1.30.0/clusters.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'cnpg-v1.30.0/scheduledbackups.json',
}

const crdValidators = new Map<string, ValidateFunction>()

/**
 * A CRD's openAPIV3Schema made strict: every object with `properties` and no
 * `x-kubernetes-preserve-unknown-fields` gets additionalProperties: false
 * (the API server prunes, and with strict field validation rejects, fields
 * a structural schema does not declare).
 */
function strictCrdSchema(node: any): any {
  if (Array.isArray(node)) return node.map(strictCrdSchema)
  if (!isPlainObject(node)) return node
  const out: Record<string, any> = {}
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, strictCrdSchema(schema)])) : strictCrdSchema(value)
  }
  if (out.properties && out['x-kubernetes-preserve-unknown-fields'] !== true && out.additionalProperties === undefined) {
    out.additionalProperties = false
  }
  return out
}

function crdValidator(key: string): ValidateFunction {
  let validate = crdValidators.get(key)
  if (!validate) {
    const { openAPIV3Schema } = JSON.parse(readFileSync(join(K8S_DIR, 'schemas', CRD_SCHEMAS[key]), 'utf8'))
    const schema = strictCrdSchema(openAPIV3Schema)
    schema.properties.metadata = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } }, annotations: { type: 'object', additionalProperties: { type: 'string' } } }, additionalProperties: false }
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema)
    crdValidators.set(key, validate)
  }
  return validate
}

/** Every schema violation of the manifests (empty when all are valid) */
export async function validateManifests(manifests: Manifest[]): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = []
  const builtIns: { manifest: Manifest; specifier: string }[] = []
  for (const manifest of manifests) {
    const resource = `${manifest?.kind}/${manifest?.metadata?.name}`
    const crdKey = `${manifest?.apiVersion}/${manifest?.kind}`
    const specifier = builtInModule(manifest)
    if (specifier) {
      builtIns.push({ manifest, specifier })
      const module = await import(specifier)
      try {
        new module[manifest.kind](manifest).validate()
      } catch (error: any) {
        issues.push({ resource, message: error.message })
      }
    } else if (CRD_SCHEMAS[crdKey]) {
      const validate = crdValidator(crdKey)
      if (!validate(manifest)) {
        for (const error of validate.errors ?? []) {
          const detail = error.keyword === 'additionalProperties' ? ` (${error.params.additionalProperty})` : ''
          issues.push({ resource, message: `${error.instancePath || '/'} ${error.message}${detail}` })
        }
      }
    } else {
      issues.push({ resource, message: `no schema for ${crdKey}` })
    }
  }
  issues.push(...typeCheck(builtIns))
  return issues
}

/**
 * The excess-property and type check: each manifest becomes a literal typed
 * with its kubernetes-models interface in one virtual TypeScript file.
 */
function typeCheck(entries: { manifest: Manifest; specifier: string }[]): ValidationIssue[] {
  if (entries.length === 0) return []
  const file = join(ROOT, 'tmp', '__k8s_manifests_check.ts')
  const lines: string[] = []
  const owners: { from: number; resource: string }[] = []
  entries.forEach(({ manifest, specifier }, index) => {
    lines.push(`import type { I${manifest.kind} as T${index} } from '${specifier}'`)
  })
  entries.forEach(({ manifest }, index) => {
    owners.push({ from: lines.length, resource: `${manifest.kind}/${manifest.metadata?.name}` })
    lines.push(...`export const m${index}: T${index} = ${JSON.stringify(manifest, null, 2)}`.split('\n'))
  })
  const source = lines.join('\n')
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  }
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest)
  host.fileExists = (name) => name === file || fileExists(name)
  const program = ts.createProgram([file], options, host)
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1
    const owner = [...owners].reverse().find((candidate) => candidate.from <= line)
    return {
      resource: owner?.resource ?? 'imports',
      message: `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}${line >= 0 ? ` (line ${line - (owner?.from ?? 0)})` : ''}`,
    }
  })
}
