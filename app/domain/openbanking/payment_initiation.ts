/**
 * A domestic payment as a partner initiates it (UK Open Banking v4
 * `Initiation`, simplified to this bank's own accounts): the amount as a
 * decimal string, the payee by its account number. Pure.
 */
export const ACCOUNT_NUMBER_SCHEME = 'UK.Strongroom.AccountNumber'

export interface PaymentInitiation {
  InstructionIdentification: string
  EndToEndIdentification: string
  InstructedAmount: { Amount: string; Currency: string }
  CreditorAccount: { SchemeName: string; Identification: string; Name?: string }
  RemittanceInformation?: { Reference?: string }
}

/** The initiation reduced to its members, in a fixed order: what the consent and the payment must agree on */
export function canonicalInitiation(initiation: PaymentInitiation): PaymentInitiation {
  return {
    InstructionIdentification: initiation.InstructionIdentification,
    EndToEndIdentification: initiation.EndToEndIdentification,
    InstructedAmount: { Amount: initiation.InstructedAmount.Amount, Currency: initiation.InstructedAmount.Currency },
    CreditorAccount: {
      SchemeName: initiation.CreditorAccount.SchemeName,
      Identification: initiation.CreditorAccount.Identification,
      ...(initiation.CreditorAccount.Name === undefined ? {} : { Name: initiation.CreditorAccount.Name }),
    },
    ...(initiation.RemittanceInformation?.Reference === undefined
      ? {}
      : { RemittanceInformation: { Reference: initiation.RemittanceInformation.Reference } }),
  }
}

/** UK OB: the payment's Initiation must match the consent's exactly */
export function sameInitiation(a: PaymentInitiation, b: PaymentInitiation): boolean {
  return JSON.stringify(canonicalInitiation(a)) === JSON.stringify(canonicalInitiation(b))
}

/** ISO 20022 payment statuses of UK OB v4 used here */
export type PaymentStatus = 'RCVD' | 'PDNG' | 'ACSC' | 'RJCT'
