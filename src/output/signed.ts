// Signed differences for people: a plus or a true minus sign (U+2212), never a bare hyphen.

/** A signed difference: "+3", "−2", "0", "—" for none; a rate's in percentage points: "+2.5". */
export function signed(d: number | null, rate: boolean): string {
  if (d === null) return '—';
  const text = rate ? (Math.round(Math.abs(d) * 1000) / 10).toFixed(1) : String(Math.abs(d));
  return text === (rate ? '0.0' : '0') ? text : d > 0 ? `+${text}` : `−${text}`;
}
