import type { SharedProps } from '~/types'

export default function FlashMessages({ flash }: { flash: SharedProps['flash'] }) {
  return (
    <>
      {flash.error && (
        <div className="alert alert-error" role="alert">
          {flash.error}
        </div>
      )}
      {flash.success && (
        <div className="alert alert-success" role="status">
          {flash.success}
        </div>
      )}
    </>
  )
}
