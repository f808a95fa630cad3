import { DomainException } from '#exceptions/domain_exception'

/** demo:seed writes well-known passwords and TOTP secrets: development and test only */
export default class DemoSeedRefusedException extends DomainException {
  static status = 403
  static code = 'E_DEMO_SEED_REFUSED'
  static title = 'Demo data refused'
  static message =
    'Refusing to seed demo data outside development and test: it creates users with published passwords and TOTP secrets.'
}
