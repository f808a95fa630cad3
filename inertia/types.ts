/**
 * Props shared by every backoffice page (app/middleware/inertia_middleware.ts).
 */
export interface StaffSummary {
  id: number
  email: string
  fullName: string
  role: 'admin' | 'teller' | 'loan_officer' | 'compliance' | 'auditor'
}

export interface SharedProps {
  [key: string]: unknown
  errors: Record<string, string>
  flash: { error: string | null; success: string | null }
  staff: StaffSummary | null
  nav: { dashboard: string; logout: string }
}

export type PageProps<T = {}> = SharedProps & T
