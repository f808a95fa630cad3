import BackofficeBasePolicy, { type BackofficeUser } from '#policies/backoffice_base'

/**
 * Money movement from the backoffice. Above the four-eyes limit, and for
 * reversals and adjustments always, these create an approval instead of
 * posting (the checker is decided by ApprovalPolicy).
 */
export default class TellerPolicy extends BackofficeBasePolicy {
  deposit(user: BackofficeUser) {
    return this.may(user, 'teller.deposit')
  }

  withdraw(user: BackofficeUser) {
    return this.may(user, 'teller.withdraw')
  }

  transfer(user: BackofficeUser) {
    return this.may(user, 'teller.transfer')
  }

  reverse(user: BackofficeUser) {
    return this.may(user, 'ledger.reverse')
  }

  adjust(user: BackofficeUser) {
    return this.may(user, 'ledger.adjust')
  }
}
