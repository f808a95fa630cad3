/**
 * Customer record rules shared by the backoffice actions and transformers:
 * the address and KYC document shapes, customer numbers, which fields are
 * sensitive and how they are masked. Pure: no database, no HTTP.
 */
export interface CustomerAddress {
  line1: string
  line2: string | null
  city: string
  postcode: string
  country: string
}

export const KYC_DOCUMENT_TYPES = ['passport', 'id_card', 'proof_of_address', 'other'] as const
export type KycDocumentType = (typeof KYC_DOCUMENT_TYPES)[number]

export const KYC_DOCUMENT_EXTNAMES = ['pdf', 'jpg', 'jpeg', 'png']
export const KYC_DOCUMENT_MAX_SIZE = '10mb'

/** Metadata of one uploaded KYC document (customers.kyc_documents) */
export interface KycDocument {
  id: string
  type: KycDocumentType
  originalName: string
  size: number
  mime: string
  sha256: string
  uploadedBy: number
  uploadedAt: string
  /** Storage key on the drive disk: never sent to a client */
  key: string
}

/** Fields recorded in audit rows only as "changed", never with their values */
export const SENSITIVE_FIELDS = ['phone', 'dateOfBirth', 'address', 'nationalId'] as const
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number]

/** 'C' + 8 digits, the format of the demo bank and of every other customer number */
export function formatCustomerNumber(sequenceValue: number | string | bigint): string {
  return `C${String(sequenceValue).padStart(8, '0')}`
}

const DOT = '•'

/** Masked phone: only the last 3 digits stay visible */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/\D/g, '')
  return `${DOT.repeat(Math.max(digits.length - 3, 4))}${digits.slice(-3)}`
}

export function maskDateOfBirth(date: string | null): string | null {
  return date ? `${DOT.repeat(2)}/${DOT.repeat(2)}/${DOT.repeat(4)}` : null
}

/** Masked national id: only the last 2 characters stay visible */
export function maskNationalId(nationalId: string | null): string | null {
  if (!nationalId) return null
  const compact = nationalId.replace(/[\s-]/g, '')
  return `${DOT.repeat(Math.max(compact.length - 2, 4))}${compact.slice(-2)}`
}

/** Masked address: the country only */
export function maskAddress(address: CustomerAddress | null): string | null {
  return address ? `${DOT.repeat(6)}, ${address.country}` : null
}

/** Comparable form of an address (for "did it change") */
export function sameAddress(a: CustomerAddress | null, b: CustomerAddress | null): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/**
 * Content-Disposition for a download: always an attachment, an ASCII
 * fallback name without quotes or control characters, and the original
 * name RFC 5987-encoded.
 */
export function attachmentDisposition(originalName: string): string {
  const ascii = originalName.replace(/[^\x20-\x7e]|["\\]/g, '_').slice(0, 150) || 'document'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(originalName)}`
}

/**
 * The MIME type of a KYC document from its first bytes (PDF, PNG, JPEG),
 * or null: the file name and the browser's Content-Type are not trusted.
 */
export function sniffDocumentMime(head: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  const starts = (bytes: number[]) => bytes.every((byte, i) => head[i] === byte)
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  return null
}
