import { test } from '@japa/runner'
import { parseResidencySettings, ResidencyConfigurationError } from '#services/residency/residency_settings'

const ROOT = '/srv/app'
const parse = (values: Record<string, string>, production = false) =>
  parseResidencySettings((key) => values[key], { production, appRoot: ROOT })

/** Every region's four paths, set explicitly (what production requires) */
function explicitPaths(regions: string[], base = '/data') {
  const values: Record<string, string> = { RESIDENCY_REGIONS: regions.join(',') }
  for (const region of regions) {
    const upper = region.toUpperCase()
    values[`RESIDENCY_${upper}_FILES`] = `${base}/${region}/files`
    values[`RESIDENCY_${upper}_BACKUPS`] = `${base}/${region}/backups`
    values[`RESIDENCY_${upper}_BACKUPS_OFFSITE`] = `/offsite/${region}`
    values[`RESIDENCY_${upper}_EXPORTS`] = `${base}/${region}/exports`
  }
  return values
}

test.group('Residency settings', () => {
  test('development: two regions under the storage root, home and default the first', ({ assert }) => {
    const settings = parse({ RESIDENCY_REGIONS: 'uk, eu', RESIDENCY_STORAGE_ROOT: 'tmp/regions' })
    assert.deepEqual(settings.regions, ['uk', 'eu'])
    assert.equal(settings.homeRegion, 'uk')
    assert.equal(settings.defaultRegion, 'uk')
    assert.deepEqual(settings.storage.eu, {
      region: 'eu',
      files: '/srv/app/tmp/regions/eu/files',
      backups: '/srv/app/tmp/regions/eu/backups',
      backupsOffsite: '/srv/app/tmp/regions/eu/backups-offsite',
      exports: '/srv/app/tmp/regions/eu/exports',
    })
  })

  test('a per-region path overrides the root; relative paths resolve against the app root', ({ assert }) => {
    const settings = parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_EU_FILES: 'eu-files', RESIDENCY_DEFAULT_REGION: 'eu' })
    assert.equal(settings.storage.eu.files, '/srv/app/eu-files')
    assert.equal(settings.storage.uk.files, '/srv/app/storage/regions/uk/files')
    assert.equal(settings.defaultRegion, 'eu')
  })

  for (const [codes, why] of [
    ['uk,EU', 'uppercase'],
    ['uk,e', 'too short'],
    ['uk,europeanunion', 'too long'],
    ['uk,e-u', 'not a letter'],
    ['uk,', 'empty'],
    ['../x', 'a path'],
  ] as const) {
    test(`refuses the region code list "${codes}" (${why})`, ({ assert }) => {
      assert.throws(() => parse({ RESIDENCY_REGIONS: codes }), /region code .* must be 2 to 8 lowercase letters/)
    })
  }

  test('refuses a region listed twice', ({ assert }) => {
    assert.throws(() => parse({ RESIDENCY_REGIONS: 'uk,eu,uk' }), /"uk" is listed twice/)
  })

  test('refuses a home or default region that is not configured', ({ assert }) => {
    assert.throws(() => parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_HOME_REGION: 'us' }), /RESIDENCY_HOME_REGION "us" is not one of/)
    assert.throws(() => parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_DEFAULT_REGION: 'ch' }), /RESIDENCY_DEFAULT_REGION "ch" is not one of/)
  })

  test('refuses two regions sharing a path', ({ assert }) => {
    assert.throws(
      () => parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_UK_FILES: '/data/files', RESIDENCY_EU_FILES: '/data/files/' }),
      /RESIDENCY_UK_FILES \(\/data\/files\) is the same path as RESIDENCY_EU_FILES .* across regions "uk" and "eu"/
    )
  })

  test("refuses one region's storage nested inside another's", ({ assert }) => {
    assert.throws(
      () => parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_UK_FILES: '/data', RESIDENCY_EU_EXPORTS: '/data/eu/exports' }),
      /RESIDENCY_UK_FILES \(\/data\) is nested with RESIDENCY_EU_EXPORTS .* across regions/
    )
    /* the storage root of one region under a path of another, through ".." */
    assert.throws(
      () => parse({ RESIDENCY_REGIONS: 'uk,eu', RESIDENCY_EU_BACKUPS: '/srv/app/storage/regions/uk/files/../files/eu' }),
      /is nested with RESIDENCY_EU_BACKUPS/
    )
  })

  test("refuses a region whose files and backups are the same or nested", ({ assert }) => {
    assert.throws(
      () => parse({ RESIDENCY_REGIONS: 'uk', RESIDENCY_UK_FILES: '/d/uk', RESIDENCY_UK_BACKUPS: '/d/uk/backups' }),
      /within region "uk"/
    )
  })

  test('production: accepts explicit, distinct paths for every region', ({ assert }) => {
    const settings = parse({ ...explicitPaths(['uk', 'eu']), RESIDENCY_HOME_REGION: 'uk' }, true)
    assert.equal(settings.storage.uk.backupsOffsite, '/offsite/uk')
    assert.equal(settings.storage.eu.exports, '/data/eu/exports')
  })

  test('production: refuses a missing region list or any path left to the storage root', ({ assert }) => {
    const values = explicitPaths(['uk', 'eu'])
    const { RESIDENCY_REGIONS: _regions, ...withoutRegions } = values
    assert.throws(() => parse(withoutRegions, true), /RESIDENCY_REGIONS must be set in production/)
    const { RESIDENCY_EU_BACKUPS_OFFSITE: _offsite, ...withoutOffsite } = values
    assert.throws(() => parse({ ...withoutOffsite, RESIDENCY_STORAGE_ROOT: '/data' }, true), /RESIDENCY_EU_BACKUPS_OFFSITE must be set in production/)
    assert.throws(() => parse({ RESIDENCY_REGIONS: 'uk' }, true), ResidencyConfigurationError)
  })

  test('production: refuses two regions with the same off-site repository', ({ assert }) => {
    const values = { ...explicitPaths(['uk', 'eu']), RESIDENCY_EU_BACKUPS_OFFSITE: '/offsite/uk' }
    assert.throws(() => parse(values, true), /RESIDENCY_UK_BACKUPS_OFFSITE \(\/offsite\/uk\) is the same path as RESIDENCY_EU_BACKUPS_OFFSITE/)
  })
})
