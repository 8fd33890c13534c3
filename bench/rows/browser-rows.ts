import type { BenchRow } from '../lib/row.ts'

/** `open-report`: Chromium, navigation to every editor ready, against bare prosemirror-view. */
export async function openReportRow(samples: number): Promise<BenchRow> {
  return { name: 'open-report', value: Number.NaN, unit: 'ms', reference: null, ratio: null, target: 'ratio <= 1.5', pass: false, details: { samples, note: 'not measured yet' } }
}

/** `keystroke-p95`: Chromium, keystroke to paint with the full report open and remote writers. */
export async function keystrokeRow(keystrokes: number): Promise<BenchRow> {
  return { name: 'keystroke-p95', value: Number.NaN, unit: 'ms', reference: null, ratio: null, target: 'ratio <= 1.5 and value < 16', pass: false, details: { keystrokes, note: 'not measured yet' } }
}
