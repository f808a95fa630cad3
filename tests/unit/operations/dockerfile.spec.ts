import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils'
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast'

/**
 * The production image cannot be built here (base images cannot be pulled),
 * so the Dockerfile is linted (dockerfile-utils, the linter of the VS Code
 * Docker language server, every rule an error) and held to the house rules
 * below; building it is documented in the README.
 */

const ROOT = join(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const packageJson = JSON.parse(read('package.json'))

const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
}

function lint(text: string): string[] {
  return validate(text, STRICT).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`)
}

/** ARG defaults declared before the first FROM, substituted into FROM lines */
function resolveFrom(dockerfile: Dockerfile, image: string | null): string {
  const args = new Map(dockerfile.getInitialARGs().flatMap((arg) => arg.getProperty() ?? []).map((property) => [property.getName(), property.getValue() ?? '']))
  return (image ?? '').replace(/\$\{?(\w+)\}?/g, (_, name) => args.get(name) ?? `\${${name}}`)
}

const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i

/** What the house rules find wrong with a Dockerfile (empty when it complies) */
function dockerfileProblems(text: string): string[] {
  const problems: string[] = []
  const dockerfile = DockerfileParser.parse(text)
  const stages = dockerfile.getFROMs()
  if (stages.length < 3) problems.push('not multi-stage (deps, build and runtime stages expected)')
  for (const from of stages) {
    const image = resolveFrom(dockerfile, from.getImage())
    if (stages.some((stage) => stage.getBuildStage() === image)) continue
    if (!/^[^:@]+[:@].+/.test(image)) problems.push(`${image}: base image without a tag`)
    else if (/:latest$/.test(image)) problems.push(`${image}: "latest" tag`)
  }
  const runtime = stages.at(-1)
  if (!runtime) return [...problems, 'no FROM']
  const runtimeLine = runtime.getRange().start.line
  const final = dockerfile.getInstructions().filter((instruction) => instruction.getRange().start.line > runtimeLine)
  const named = (keyword: string) => final.filter((instruction) => instruction.getKeyword() === keyword)

  const user = named('USER').at(-1)?.getArgumentsContent()?.split(':')[0]
  if (!user) problems.push('the runtime stage sets no USER (runs as root)')
  else if (user === 'root' || user === '0' || !/^[1-9]\d*$/.test(user)) problems.push(`USER ${user}: not a numeric non-root uid`)

  const healthcheck = named('HEALTHCHECK').at(-1)?.getArgumentsContent() ?? ''
  if (!healthcheck) problems.push('no HEALTHCHECK')
  else if (!healthcheck.includes('/health/live') || /\b(curl|wget)\b/.test(healthcheck)) problems.push('HEALTHCHECK must ask /health/live with node (no curl in slim images)')

  const cmd = named('CMD').at(-1)?.getArgumentsContent()
  if (!cmd) problems.push('no CMD')
  else if (!cmd.trim().startsWith('[')) problems.push('CMD in shell form: node would not receive SIGTERM')

  const declared = [
    ...dockerfile.getARGs().flatMap((arg) => (arg.getProperty() ? [['ARG', arg.getProperty()!.getName()]] : [])),
    ...dockerfile.getENVs().flatMap((env) => env.getProperties().map((property) => ['ENV', property.getName()])),
  ]
  for (const [keyword, name] of declared) {
    if (SECRET_NAME.test(name)) problems.push(`${keyword} ${name}: secrets never go into an image`)
  }
  return problems
}

function runtimeInstruction(keyword: string): string {
  const dockerfile = DockerfileParser.parse(read('Dockerfile'))
  const runtimeLine = dockerfile.getFROMs().at(-1)!.getRange().start.line
  const found = dockerfile
    .getInstructions()
    .filter((instruction) => instruction.getKeyword() === keyword && instruction.getRange().start.line > runtimeLine)
    .at(-1)
  return found?.getArgumentsContent() ?? ''
}

test.group('Dockerfile', () => {
  test('passes the Dockerfile linter with every rule as an error', ({ assert }) => {
    assert.deepEqual(lint(read('Dockerfile')), [])
  })

  test('the linter rejects a misspelled instruction or flag', ({ assert }) => {
    const problems = lint('FROM node:24-bookworm-slim\nEXPSE 3333\nHEALTHCHECK --intervl=3s CMD ["node", "-v"]\nCMD ["node", "bin/server.js"]\n')
    assert.isTrue(problems.some((problem) => problem.includes('EXPSE')), problems.join('\n'))
    assert.isTrue(problems.some((problem) => problem.includes('intervl')), problems.join('\n'))
  })

  test('follows the house rules: multi-stage, pinned bases, non-root, health check, exec-form CMD, no secrets', ({ assert }) => {
    assert.deepEqual(dockerfileProblems(read('Dockerfile')), [])
  })

  test('the house rules catch root, latest, a missing health check and a baked-in secret', ({ assert }) => {
    const bad = ['FROM node:latest AS deps', 'FROM node AS build', 'FROM node:24-bookworm-slim', 'ENV APP_KEY=abc', 'USER root', 'CMD node bin/server.js', ''].join('\n')
    const problems = dockerfileProblems(bad)
    for (const expected of ['"latest" tag', 'node: base image without a tag', 'USER root', 'no HEALTHCHECK', 'shell form', 'ENV APP_KEY']) {
      assert.isTrue(problems.some((problem) => problem.includes(expected)), `${expected} not found in:\n${problems.join('\n')}`)
    }
    assert.include(dockerfileProblems('FROM node:24\nFROM node:24\nFROM node:24\nCMD ["node"]\n'), 'the runtime stage sets no USER (runs as root)')
  })

  test('builds with the project’s build script and starts the way production starts', ({ assert }) => {
    const text = read('Dockerfile')
    assert.equal(packageJson.scripts.build, 'node ace build')
    assert.match(text, /^RUN node ace build$/m)
    assert.equal(packageJson.scripts.start, 'node bin/server.js')
    assert.deepEqual(JSON.parse(runtimeInstruction('CMD')), ['node', 'bin/server.js'])
    assert.match(text, /npm ci --omit=dev/)
    assert.notMatch(text.slice(text.lastIndexOf('\nFROM ')), /COPY \. /, 'the runtime stage copies the sources')
  })

  test('runs Node 24 on a slim Debian base, as uid 10001, on the app port', ({ assert }) => {
    const dockerfile = DockerfileParser.parse(read('Dockerfile'))
    const runtime = resolveFrom(dockerfile, dockerfile.getFROMs().at(-1)!.getImage())
    assert.match(runtime, /^node:24\.\d+\.\d+-bookworm-slim$/)
    assert.equal(read('.nvmrc').trim(), '24')
    assert.equal(runtimeInstruction('USER'), '10001:10001')
    assert.equal(runtimeInstruction('EXPOSE'), '3333')
    assert.match(runtimeInstruction('LABEL'), /org\.opencontainers\.image\.title="strongroom"/)
  })

  test('.dockerignore keeps secrets, dependencies and local data out of the build context', ({ assert }) => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim())
    for (const entry of ['.env', '.env.*', '.git', 'node_modules', 'build', 'tmp', 'storage']) {
      assert.include(ignored, entry)
    }
  })
})
