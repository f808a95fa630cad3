import { useState } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import type { AuditBlock } from '#controllers/backoffice/audit_controller'
import type { Data } from '~/types'

export type Chain = { lastBlock: AuditBlock | null; lastRun: Data.AuditVerification | null }

/**
 * The chain status panel of the audit trail: last sealed block, last
 * verification run (and its breaks), and "Run verification" for the roles
 * that may (it seals pending rows first, then recomputes the whole chain).
 */
export default function ChainStatus({ chain, canVerify, verifyUrl }: { chain: Chain; canVerify: boolean; verifyUrl: string }) {
  const [confirming, setConfirming] = useState(false)
  const form = useForm({})
  const run = chain.lastRun
  return (
    <section className={`card chain-status ${run && !run.ok ? 'chain-broken' : ''}`} aria-labelledby="chain-title">
      <div className="card-header">
        <h2 id="chain-title">Chain status</h2>
        {canVerify && (
          <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
            Run verification
          </button>
        )}
      </div>
      <dl className="details">
        <dt>Last sealed block</dt>
        <dd>
          {chain.lastBlock ? (
            <>
              #{chain.lastBlock.id} · {chain.lastBlock.eventCount} events · sealed {chain.lastBlock.sealedAt}
              <div className="mono hash">{chain.lastBlock.blockHash}</div>
            </>
          ) : (
            'No block sealed yet'
          )}
        </dd>
        <dt>Last verification</dt>
        <dd>
          {run ? (
            <>
              <StatusBadge status={run.ok ? 'ok' : 'broken'} label={run.ok ? 'intact' : 'BROKEN'} /> {run.finishedAt} ·{' '}
              {run.runBy ? run.runBy.email : 'command line'} · {run.rowsChecked} rows, {run.blocksChecked} blocks
              {run.lastVerifiedBlock !== null && <> · intact up to block #{run.lastVerifiedBlock}</>}
            </>
          ) : (
            'Never run'
          )}
        </dd>
      </dl>
      {run && run.breaks.length > 0 && (
        <div className="alert alert-error chain-breaks" role="alert">
          <strong>{run.breaks.length} break(s) in the audit chain</strong>
          <ul>
            {run.breaks.map((b, i) => (
              <li key={i}>
                <span className="mono">[{b.kind}]</span> {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Verify the audit chain?"
        confirmLabel="Seal and verify"
        processing={form.processing}
        onConfirm={() => form.post(verifyUrl, { onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        Pending rows are sealed into a block first, then every row hash and block link is recomputed. The run is recorded.
      </ConfirmDialog>
    </section>
  )
}
