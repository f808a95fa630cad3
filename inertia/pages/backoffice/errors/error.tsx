import { Head, Link, usePage } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ status: number; title: string; message: string }>

/** 403 / 404 / refused actions inside the backoffice shell */
export default function ErrorPage({ status, title, message }: Props) {
  const { nav } = usePage<Props>().props
  return (
    <BackofficeLayout>
      <Head title={title} />
      <section className="card">
        <div className="card-body stack">
          <span className="subtle">Error {status}</span>
          <h1>{title}</h1>
          <p>{message}</p>
          <div>
            <Link className="btn btn-secondary" href={nav.home}>
              Back to the dashboard
            </Link>
          </div>
        </div>
      </section>
    </BackofficeLayout>
  )
}
