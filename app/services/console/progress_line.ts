/**
 * A text progress bar for ace commands' task lines: "accounts [#########.....] 620/1000".
 * The shown count moves with the bar, so a task line changes at most 20
 * times per phase (an update per item would flood a terminal or a log).
 */
export function progressLine(phase: string, done: number, total: number) {
  const width = 20
  const filled = total === 0 ? width : Math.floor((done / total) * width)
  const shownDone = total === 0 ? 0 : Math.floor((filled / width) * total)
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done === total ? total : shownDone}/${total}`
  return phase ? `${phase.padEnd(8)} ${bar}` : bar
}
