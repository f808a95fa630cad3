import { test } from '@japa/runner'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEDULES } from '#config/queue'
import {
  K8S_DIR,
  loadYamlDocuments,
  podSpecOf,
  renderKustomization,
  strategicMerge,
  validateManifests,
  type Manifest,
} from '#tests/helpers/kustomize'

/**
 * ops/k8s rendered (tests/helpers/kustomize.ts: the kustomize features the
 * manifests use) and validated strictly against the Kubernetes schemas and
 * CloudNativePG's CRD, then checked against the code: the secrets and
 * settings the app reads, the commands that exist, the probes it serves,
 * the Dockerfile's image and user.
 */

const ROOT = join(K8S_DIR, '../..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const KUSTOMIZATIONS = ['base', 'overlays/production', 'overlays/staging']
const render = (name: string) => renderKustomization(join(K8S_DIR, name))
const clone = <T>(value: T): T => structuredClone(value)

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name)
  if (!found) throw new Error(`${kind}/${name} not rendered`)
  return found
}

function workloads(manifests: Manifest[]) {
  return manifests.flatMap((manifest) => {
    const spec = podSpecOf(manifest)
    return spec ? [{ manifest, spec, containers: [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as any[] }] : []
  })
}

/** The Secret keys ops/k8s/secrets.md documents, as "secret/key" */
function documentedSecretKeys(): Set<string> {
  const rows = read('ops/k8s/secrets.md').matchAll(/^\| `([a-z0-9-]+)` \| `([A-Za-z0-9_.]+)` \|/gm)
  return new Set([...rows].map(([, secret, key]) => `${secret}/${key}`))
}

/** Variables start/env.ts requires (declared without .optional) */
function requiredEnvironment(): string[] {
  const source = read('start/env.ts')
  const declarations = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+): (.+)$/gm)]
  return declarations.filter(([, , schema]) => !schema.includes('.optional')).map(([, name]) => name)
}

/** Variables start/env.ts or its comments say production requires although declared optional */
const REQUIRED_IN_PRODUCTION = ['AUDIT_SIGNING_KEY', 'OAUTH_SIGNING_KEY', 'DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_DATABASE']

function environmentOf(container: any, configMaps: Manifest[]): Map<string, string> {
  const env = new Map<string, string>()
  for (const source of container.envFrom ?? []) {
    const configMap = configMaps.find((candidate) => candidate.metadata.name === source.configMapRef?.name)
    for (const [key, value] of Object.entries(configMap?.data ?? {})) env.set(key, String(value))
  }
  for (const variable of container.env ?? []) env.set(variable.name, variable.value ?? '<ref>')
  return env
}

const commandNames = readdirSync(join(ROOT, 'commands'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => read(`commands/${file}`).match(/static commandName = '([^']+)'/)?.[1])
  .filter(Boolean)

test.group('Kubernetes manifests: rendering and schemas', () => {
  for (const name of KUSTOMIZATIONS) {
    test(`${name} renders and every document passes the Kubernetes schemas`, async ({ assert }) => {
      const manifests = render(name)
      assert.isAbove(manifests.length, 10)
      assert.deepEqual(await validateManifests(manifests), [])
    }).timeout(60_000)
  }

  test('monitoring (Prometheus Operator) renders, passes its schemas and scrapes the web Service and the worker pods', async ({ assert }) => {
    const monitors = render('monitoring')
    assert.deepEqual(await validateManifests(monitors), [])
    const base = render('base')
    const documented = documentedSecretKeys()
    const service = find(base, 'Service', 'strongroom-web')
    const serviceMonitor = find(monitors, 'ServiceMonitor', 'strongroom-web')
    for (const [label, value] of Object.entries(serviceMonitor.spec.selector.matchLabels)) assert.equal(service.metadata.labels?.[label], value)
    assert.equal(serviceMonitor.spec.endpoints[0].port, service.spec.ports[0].name)
    const worker = find(base, 'Deployment', 'strongroom-worker')
    const podMonitor = find(monitors, 'PodMonitor', 'strongroom-worker')
    for (const [label, value] of Object.entries(podMonitor.spec.selector.matchLabels)) assert.equal(worker.spec.template.metadata.labels[label], value)
    assert.equal(podMonitor.spec.podMetricsEndpoints[0].port, worker.spec.template.spec.containers[0].ports[0].name)
    for (const endpoint of [serviceMonitor.spec.endpoints[0], podMonitor.spec.podMetricsEndpoints[0]]) {
      assert.equal(endpoint.path, '/metrics')
      const { name, key } = endpoint.authorization.credentials
      assert.isTrue(documented.has(`${name}/${key}`), `${name}/${key}`)
    }
    const typo = clone(serviceMonitor)
    typo.spec.endpoints[0].intervall = '30s'
    assert.isTrue((await validateManifests([typo])).some((issue) => issue.message.includes('intervall')))
  }).timeout(60_000)

  test('a misspelled field or a wrong type fails validation', async ({ assert }) => {
    const manifests = render('overlays/production')
    const web = find(manifests, 'Deployment', 'strongroom-web')
    const cluster = find(manifests, 'Cluster', 'strongroom-pg')

    const misspelled = clone(web)
    misspelled.spec.replica = 2
    const wrongType = clone(web)
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = 'x'
    const nestedTypo = clone(web)
    nestedTypo.spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem = true
    const clusterTypo = clone(cluster)
    clusterTypo.spec.instance = 3
    const clusterType = clone(cluster)
    clusterType.spec.instances = 'three'
    const unknownKind = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } as Manifest

    const cases: [Manifest, string][] = [
      [misspelled, 'replica'],
      [wrongType, 'containerPort'],
      [nestedTypo, 'readOnlyRootFilesytem'],
      [clusterTypo, 'instance'],
      [clusterType, 'instances'],
      [unknownKind, 'no schema'],
    ]
    for (const [manifest, expected] of cases) {
      const issues = await validateManifests([manifest])
      assert.isTrue(
        issues.some((issue) => issue.message.includes(expected)),
        `${expected}: ${JSON.stringify(issues)}`
      )
    }
  }).timeout(60_000)

  test('a kustomization the renderer cannot render faithfully fails instead of rendering wrongly', ({ assert }) => {
    const directory = mkdtempSync(join(tmpdir(), 'strongroom-kustomize-'))
    const kustomization = (body: string) =>
      writeFileSync(join(directory, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`)
    try {
      kustomization('commonLabels:\n  team: bank\n')
      assert.throws(() => renderKustomization(directory), /"commonLabels" is not supported/)
      writeFileSync(join(directory, 'patch.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: missing\ndata:\n  A: b\n')
      kustomization('resources: []\npatches:\n  - path: patch.yaml\n')
      assert.throws(() => renderKustomization(directory), /no resource core\/ConfigMap\/missing to patch/)
      assert.throws(() => loadYamlDocuments('x.yaml', 'a: 1\na: 2\n'), /x\.yaml/)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  test('strategic merge: containers and env merge by name, other lists are replaced', ({ assert }) => {
    const base = { spec: { containers: [{ name: 'web', image: 'a', env: [{ name: 'A', value: '1' }] }], tls: [{ hosts: ['x'] }] } }
    const patch = { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }], tls: [{ hosts: ['y'] }] } }
    assert.deepEqual(strategicMerge(base, patch), {
      spec: {
        containers: [{ name: 'web', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }],
        tls: [{ hosts: ['y'] }],
      },
    })
  })

  test('the production overlay sets namespace, image, host and sizes on top of the base', ({ assert }) => {
    const manifests = render('overlays/production')
    for (const manifest of manifests.filter((candidate) => candidate.kind !== 'Namespace')) {
      assert.equal(manifest.metadata.namespace, 'strongroom', `${manifest.kind}/${manifest.metadata.name}`)
    }
    const web = find(manifests, 'Deployment', 'strongroom-web')
    const container = web.spec.template.spec.containers[0]
    assert.equal(container.image, 'registry.example.com/strongroom/strongroom:0.1.0')
    assert.equal(container.resources.requests.cpu, '500m')
    assert.isTrue(container.env.some((variable: any) => variable.name === 'APP_KEY'), 'the patch kept the base env')
    assert.equal(find(manifests, 'Ingress', 'strongroom-web').spec.rules[0].host, 'bank.strongroom.example')
    assert.equal(find(manifests, 'ConfigMap', 'strongroom-config').data.APP_URL, 'https://bank.strongroom.example')
    assert.equal(find(manifests, 'HorizontalPodAutoscaler', 'strongroom-web').spec.minReplicas, 3)
    assert.equal(find(manifests, 'Namespace', 'strongroom').metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted')

    const cluster = find(manifests, 'Cluster', 'strongroom-pg')
    assert.equal(cluster.spec.instances, 3)
    assert.equal(find(manifests, 'ConfigMap', 'strongroom-config').data.DB_HOST, `${cluster.metadata.name}-rw`)
    assert.equal(cluster.spec.bootstrap.initdb.secret.name, 'strongroom-db-owner')
    assert.equal(cluster.spec.bootstrap.initdb.owner, find(manifests, 'ConfigMap', 'strongroom-config').data.DB_OWNER_USER)
    assert.equal(cluster.spec.bootstrap.initdb.database, find(manifests, 'ConfigMap', 'strongroom-config').data.DB_DATABASE)
    assert.equal(cluster.spec.managed.roles[0].passwordSecret.name, 'strongroom-db-runtime')
    assert.equal(find(manifests, 'ScheduledBackup', 'strongroom-pg-nightly').spec.cluster.name, cluster.metadata.name)
  })
})

test.group('Kubernetes manifests: cross-references', () => {
  for (const name of KUSTOMIZATIONS) {
    test(`${name}: every Secret reference is documented, every ConfigMap, claim, Service and target exists`, ({ assert }) => {
      const manifests = render(name)
      const documented = documentedSecretKeys()
      const configMaps = manifests.filter((manifest) => manifest.kind === 'ConfigMap')
      const claims = new Set(manifests.filter((manifest) => manifest.kind === 'PersistentVolumeClaim').map((claim) => claim.metadata.name))

      assert.notInclude(manifests.map((manifest) => manifest.kind), 'Secret', 'no Secret (and so no secret value) is committed')
      for (const { manifest, spec, containers } of workloads(manifests)) {
        const where = `${manifest.kind}/${manifest.metadata.name}`
        for (const container of containers) {
          for (const variable of container.env ?? []) {
            const secret = variable.valueFrom?.secretKeyRef
            if (secret) assert.isTrue(documented.has(`${secret.name}/${secret.key}`), `${where}: ${secret.name}/${secret.key} not in ops/k8s/secrets.md`)
            const config = variable.valueFrom?.configMapKeyRef
            if (config) assert.property(configMaps.find((map) => map.metadata.name === config.name)?.data ?? {}, config.key, where)
            if (variable.value !== undefined) assert.notMatch(variable.name, /KEY|SECRET|PASSWORD|TOKEN/, `${where}: ${variable.name} has a literal value`)
          }
          for (const source of container.envFrom ?? []) {
            if (source.configMapRef) assert.isTrue(configMaps.some((map) => map.metadata.name === source.configMapRef.name), where)
            if (source.secretRef) assert.isTrue([...documented].some((key) => key.startsWith(`${source.secretRef.name}/`)), where)
          }
        }
        for (const volume of spec.volumes ?? []) {
          if (volume.persistentVolumeClaim) assert.isTrue(claims.has(volume.persistentVolumeClaim.claimName), `${where}: ${volume.name}`)
        }
        assert.equal(spec.serviceAccountName, 'strongroom', where)
        assert.isTrue(manifests.some((candidate) => candidate.kind === 'ServiceAccount' && candidate.metadata.name === spec.serviceAccountName))
      }

      const webPods = find(manifests, 'Deployment', 'strongroom-web').spec.template
      const service = find(manifests, 'Service', 'strongroom-web')
      for (const [label, value] of Object.entries(service.spec.selector)) assert.equal(webPods.metadata.labels[label], value)
      assert.equal(service.spec.ports[0].targetPort, 'http')
      assert.isTrue(webPods.spec.containers[0].ports.some((port: any) => port.name === 'http'))
      const ingress = find(manifests, 'Ingress', 'strongroom-web')
      for (const rule of ingress.spec.rules) {
        for (const path of rule.http.paths) {
          assert.equal(path.backend.service.name, service.metadata.name)
          assert.isTrue(service.spec.ports.some((port: any) => port.name === path.backend.service.port.name))
        }
        assert.isTrue(ingress.spec.tls.some((tls: any) => tls.hosts.includes(rule.host)), `${rule.host} without TLS`)
      }
      assert.isString(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'])

      const hpa = find(manifests, 'HorizontalPodAutoscaler', 'strongroom-web')
      assert.equal(hpa.spec.scaleTargetRef.name, 'strongroom-web')
      assert.equal(hpa.spec.metrics[0].resource.name, 'cpu')
      assert.notProperty(find(manifests, 'Deployment', 'strongroom-web').spec, 'replicas', 'the HPA owns the replica count')
      for (const pdb of manifests.filter((manifest) => manifest.kind === 'PodDisruptionBudget')) {
        const labels = Object.entries(pdb.spec.selector.matchLabels)
        const matches = workloads(manifests).filter(({ manifest }) => labels.every(([key, value]) => manifest.spec.template?.metadata?.labels?.[key] === value))
        assert.lengthOf(matches, 1, `PodDisruptionBudget/${pdb.metadata.name}`)
      }
    })
  }

  test('every variable the app requires in production is set for web, worker, CronJobs and the migration', ({ assert }) => {
    const manifests = render('overlays/production')
    const configMaps = manifests.filter((manifest) => manifest.kind === 'ConfigMap')
    const required = [...requiredEnvironment(), ...REQUIRED_IN_PRODUCTION]
    assert.includeMembers(required, ['APP_KEY', 'APP_URL', 'SESSION_DRIVER', 'MAIL_MAILER', 'LIMITER_STORE'])
    for (const { manifest, containers } of workloads(manifests)) {
      const env = environmentOf(containers[0], configMaps)
      for (const name of required) assert.isTrue(env.has(name), `${manifest.kind}/${manifest.metadata.name} lacks ${name}`)
      assert.equal(env.get('NODE_ENV'), 'production')
    }
  })

  test('probes: readiness on /health/ready, liveness on /health/live, on the container port', ({ assert }) => {
    const web = find(render('base'), 'Deployment', 'strongroom-web').spec.template.spec.containers[0]
    assert.equal(web.readinessProbe.httpGet.path, '/health/ready')
    assert.equal(web.livenessProbe.httpGet.path, '/health/live')
    assert.equal(web.startupProbe.httpGet.path, '/health/live')
    for (const probe of [web.readinessProbe, web.livenessProbe]) assert.equal(probe.httpGet.port, web.ports[0].name)
    const routes = read('start/routes/health.ts')
    assert.include(routes, `.get('/health/ready'`)
    assert.include(routes, `.get('/health/live'`)
    assert.equal(String(web.ports[0].containerPort), find(render('base'), 'ConfigMap', 'strongroom-config').data.PORT)
  })

  test('images are the Dockerfile’s, never "latest", and run as its uid', ({ assert }) => {
    const dockerfile = read('Dockerfile')
    const imageName = dockerfile.match(/org\.opencontainers\.image\.title="([^"]+)"/)?.[1]
    const uid = Number(dockerfile.match(/^USER (\d+):/m)?.[1])
    assert.equal(imageName, 'strongroom')
    for (const name of KUSTOMIZATIONS) {
      for (const { manifest, spec, containers } of workloads(render(name))) {
        for (const container of containers) {
          const where = `${name} ${manifest.kind}/${manifest.metadata.name}`
          if (name === 'base') assert.equal(container.image, imageName, where)
          else assert.match(container.image, new RegExp(`/${imageName}(:[\\w.-]+|@sha256:[0-9a-f]{64})$`), where)
          assert.notMatch(container.image, /:latest$/, where)
        }
        assert.equal(spec.securityContext.runAsUser, uid)
      }
    }
  })

  test('every CronJob runs an existing command, Forbid-concurrent, and none duplicates a worker schedule', ({ assert }) => {
    const cronJobs = render('base').filter((manifest) => manifest.kind === 'CronJob')
    assert.includeMembers(cronJobs.map((job) => job.metadata.name), ['strongroom-ledger-verify', 'strongroom-audit-checkpoint'])
    const workerScheduled = new Set(SCHEDULES.map((schedule) => schedule.queue.replace('.', ':')))
    assert.isTrue(workerScheduled.has('loans:collect'), 'loans.collect is scheduled by the worker')
    for (const job of cronJobs) {
      const [node, ace, command] = podSpecOf(job)!.containers[0].command
      assert.deepEqual([node, ace], ['node', 'ace'])
      assert.include(commandNames, command, `${job.metadata.name}: ${command} is not in commands/`)
      assert.isFalse(workerScheduled.has(command), `${command} already runs on the worker's pg-boss schedule`)
      assert.equal(job.spec.concurrencyPolicy, 'Forbid')
      assert.equal(job.spec.timeZone, 'Etc/UTC')
      assert.equal(podSpecOf(job)!.restartPolicy, 'Never')
    }
    const schedule = read('ops/k8s/base/cronjobs.yaml')
    for (const command of ['ledger:verify', 'audit:checkpoint', 'audit:seal', 'audit:verify', 'loans:collect', 'risk:scan']) {
      assert.include(schedule, `| ${command}`, `the scheduling decision for ${command} is written down`)
    }
  })

  test('only the migration Job gets the owner role; it runs migration:run --force', ({ assert }) => {
    const manifests = render('overlays/production')
    const migrate = find(manifests, 'Job', 'strongroom-migrate')
    assert.deepEqual(migrate.spec.template.spec.containers[0].command, ['node', 'ace', 'migration:run', '--force'])
    for (const { manifest, containers } of workloads(manifests)) {
      const ownerRefs = containers.flatMap((container) => container.env ?? []).filter((variable: any) => variable.valueFrom?.secretKeyRef?.name === 'strongroom-db-owner')
      if (manifest === migrate) assert.deepEqual(ownerRefs.map((variable: any) => variable.name), ['DB_OWNER_USER', 'DB_OWNER_PASSWORD'])
      else assert.lengthOf(ownerRefs, 0, `${manifest.kind}/${manifest.metadata.name} must not see the owner role`)
      /* The owner's name everywhere (least privilege is on, no false warning), its password in the Job only */
      const env = environmentOf(containers[0], manifests.filter((candidate) => candidate.kind === 'ConfigMap'))
      assert.isTrue(env.has('DB_OWNER_USER'), `${manifest.kind}/${manifest.metadata.name}`)
      assert.equal(env.has('DB_OWNER_PASSWORD'), manifest === migrate)
    }
  })
})

test.group('Kubernetes manifests: hardening', () => {
  test('every pod: non-root, seccomp, read-only root with an emptyDir /tmp, no capabilities, requests and a memory limit', ({ assert }) => {
    for (const { manifest, spec, containers } of workloads(render('overlays/production'))) {
      const where = `${manifest.kind}/${manifest.metadata.name}`
      assert.isTrue(spec.securityContext.runAsNonRoot, where)
      assert.equal(spec.securityContext.seccompProfile.type, 'RuntimeDefault', where)
      assert.isFalse(spec.automountServiceAccountToken, where)
      const emptyDirs = new Set((spec.volumes ?? []).filter((volume: any) => volume.emptyDir).map((volume: any) => volume.name))
      for (const container of containers) {
        const security = container.securityContext
        assert.isTrue(security.readOnlyRootFilesystem, where)
        assert.isFalse(security.allowPrivilegeEscalation, where)
        assert.deepEqual(security.capabilities.drop, ['ALL'], where)
        assert.notProperty(security.capabilities, 'add', where)
        const tmp = container.volumeMounts.find((mount: any) => mount.mountPath === '/tmp')
        assert.isTrue(tmp && emptyDirs.has(tmp.name), `${where}: /tmp is not an emptyDir`)
        assert.properties(container.resources.requests, ['cpu', 'memory'], where)
        assert.property(container.resources.limits, 'memory', where)
      }
    }
  })

  test('web drains before it stops: preStop sleep, then SHUTDOWN_TIMEOUT_SECONDS, inside the grace period', ({ assert }) => {
    const manifests = render('overlays/production')
    const shutdown = Number(find(manifests, 'ConfigMap', 'strongroom-config').data.SHUTDOWN_TIMEOUT_SECONDS)
    assert.equal(shutdown, 25)
    const web = find(manifests, 'Deployment', 'strongroom-web').spec.template.spec
    const [sleep, seconds] = web.containers[0].lifecycle.preStop.exec.command
    assert.equal(sleep, 'sleep')
    assert.isAtLeast(web.terminationGracePeriodSeconds, Number(seconds) + shutdown + 5)
    assert.equal(find(manifests, 'Deployment', 'strongroom-web').spec.strategy.rollingUpdate.maxUnavailable, 0)
    const worker = find(manifests, 'Deployment', 'strongroom-worker').spec.template.spec
    const grace = Number(worker.containers[0].command.find((part: string) => part.startsWith('--grace='))?.split('=')[1])
    assert.isAtLeast(worker.terminationGracePeriodSeconds, grace + 5)
    assert.deepEqual(worker.containers[0].ports.map((port: any) => port.containerPort), [Number(find(manifests, 'ConfigMap', 'strongroom-config').data.METRICS_PORT)])
  })

  test('network: default deny, web reachable from the ingress controller only, egress to DNS, PostgreSQL, SMTP and HTTPS', ({ assert }) => {
    const policies = render('overlays/production').filter((manifest) => manifest.kind === 'NetworkPolicy')
    const deny = policies.find((policy) => Object.keys(policy.spec.podSelector).length === 0)
    assert.exists(deny)
    assert.sameMembers(deny!.spec.policyTypes, ['Ingress', 'Egress'])
    assert.notProperty(deny!.spec, 'ingress')
    assert.notProperty(deny!.spec, 'egress')

    const webIngress = policies.find((policy) => policy.spec.podSelector.matchLabels?.['app.kubernetes.io/component'] === 'web')!
    assert.lengthOf(webIngress.spec.ingress, 1)
    assert.equal(webIngress.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], 'ingress-nginx')
    assert.deepEqual(webIngress.spec.ingress[0].ports, [{ protocol: 'TCP', port: 3333 }])

    const egressPorts = policies.flatMap((policy) => policy.spec.egress ?? []).flatMap((rule: any) => rule.ports.map((port: any) => port.port))
    assert.includeMembers(egressPorts, [53, 5432, 443, 587])
    const internet = policies.find((policy) => policy.metadata.name === 'strongroom-egress-internet')!
    assert.includeMembers(internet.spec.egress[0].to[0].ipBlock.except, ['169.254.0.0/16', '10.0.0.0/8'])
  })
})
