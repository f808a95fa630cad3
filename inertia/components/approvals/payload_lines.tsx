import { Fragment } from 'react'
import type { Data } from '~/types'

type Line = Data.Approval.Variants['forDetail']['payload'][number]

/** An approval's payload (or result) as readable label / value lines */
export default function PayloadLines({ lines }: { lines: Line[] }) {
  return (
    <dl className="details">
      {lines.map((line) => (
        <Fragment key={line.label}>
          <dt>{line.label}</dt>
          <dd className="mono">{line.value}</dd>
        </Fragment>
      ))}
    </dl>
  )
}
