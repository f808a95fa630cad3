/**
 * Props shared by every backoffice page (app/middleware/inertia_middleware.ts).
 */
export interface StaffSummary {
  id: number
  email: string
  fullName: string
  role: 'admin' | 'teller' | 'loan_officer' | 'compliance' | 'auditor'
}

export interface NavItem {
  section: 'Operations' | 'Oversight' | 'Administration'
  label: string
  href: string
}

export interface SharedProps {
  [key: string]: unknown
  errors: Record<string, string>
  flash: { error: string | null; success: string | null }
  staff: StaffSummary | null
  nav: { home: string; logout: string; profile: string | null; items: NavItem[] }
}

export type PageProps<T = {}> = SharedProps & T

export interface Paginated<Row> {
  data: Row[]
  metadata: { total: number; perPage: number; currentPage: number; lastPage: number }
}
