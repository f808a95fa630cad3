import { DomainException } from '#exceptions/domain_exception'

/** demo:seed writes well-known passwords and TOTP secrets: never in production */
export default class DemoSeedRefusedException extends DomainException {
  static status = 403
  static code = 'E_DEMO_SEED_REFUSED'
  static title = 'Demo data refused'
  static message =
    'Refusing to seed demo data in production: it creates users with published passwords and TOTP secrets.'
}
