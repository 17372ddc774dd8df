/** Dates shown as dd/mm/yyyy in both languages, as Vietnamese official documents write them. */

/** "2025-07-01" → "01/07/2025". Parsed as text so no time zone can shift the day. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (iso.length > 10) {
    // A timestamp: show the local calendar day.
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  }
  return `${m[3]}/${m[2]}/${m[1]}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
