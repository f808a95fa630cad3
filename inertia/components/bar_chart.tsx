/**
 * A small accessible bar chart (inline SVG, no script, no inline styles):
 * one bar per day, the values also given as a table for screen readers.
 * Values are plain numbers (counts, or amounts in major units for scale only).
 */
export default function BarChart({
  title,
  points,
  format = (value) => String(value),
}: {
  title: string
  points: Array<{ label: string; value: number }>
  format?: (value: number) => string
}) {
  const width = 300
  const height = 80
  const max = Math.max(1, ...points.map((p) => p.value))
  const slot = width / Math.max(points.length, 1)
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="none">
        {points.map((point, index) => {
          const h = Math.round((point.value / max) * (height - 4))
          return (
            <rect
              key={point.label}
              className="chart-bar"
              x={index * slot + 1}
              y={height - h}
              width={Math.max(slot - 2, 1)}
              height={h}
            >
              <title>{`${point.label}: ${format(point.value)}`}</title>
            </rect>
          )
        })}
      </svg>
      <table className="visually-hidden">
        <tbody>
          {points.map((point) => (
            <tr key={point.label}>
              <th>{point.label}</th>
              <td>{format(point.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
