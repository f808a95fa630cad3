import { useId, type InputHTMLAttributes } from 'react'

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string
  name: string
  error?: string
}

/** A labelled input with its validation message */
export default function TextField({ label, name, error, className, id: givenId, ...input }: Props) {
  /* unique even when several forms on a page share field names */
  const generated = useId()
  const id = givenId ?? `field-${name}-${generated.replaceAll(':', '')}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className={`input ${className ?? ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  )
}
