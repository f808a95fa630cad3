/**
 * Route parameter matchers shared by the route files.
 *
 * `idParam`: a database id, 1-15 digits without a leading zero. Anything
 * else (0, -1, 1e3, an id past Number.MAX_SAFE_INTEGER or PostgreSQL's
 * bigint) does not match the route, so it is a 404 and never reaches a
 * query: router.matchers.number() accepted any run of digits and cast
 * 99999999999999999999 to 1e+20, which PostgreSQL refused (a 500).
 */
export const idParam = {
  match: /^[1-9]\d{0,14}$/,
  cast: (value: string) => Number(value),
}
