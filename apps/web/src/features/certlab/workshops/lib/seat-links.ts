// The per-seat sign-in links. The API stores each seat token hashed, so a link can be shown only from the answer
// that created it: the dashboard keeps that answer's links for this browser tab (sessionStorage), keyed by workshop.
import type { Workshop } from "@/shared/workshops/api";

const KEY = (id: string) => `certlab.workshopSeatLinks.${id}`;

export type SeatLink = { seatNumber: number; url: string };

function absolute(url: string): string {
  return new URL(url, window.location.origin).toString();
}

/** The links an answer carries: `seatLinks`, or a `link`/`seatLink` on each trainee. */
export function seatLinksOf(w: Workshop): SeatLink[] {
  if (w.seatLinks?.length) return w.seatLinks.map((l) => ({ seatNumber: l.seatNumber, url: absolute(l.url) }));
  return (w.trainees ?? [])
    .map((t) => ({ seatNumber: t.seatNumber, url: t.link ?? t.seatLink ?? "" }))
    .filter((l) => l.url)
    .map((l) => ({ ...l, url: absolute(l.url) }));
}

export function rememberSeatLinks(w: Workshop): void {
  const links = seatLinksOf(w);
  if (!links.length) return;
  try {
    window.sessionStorage.setItem(KEY(w.id), JSON.stringify(links));
  } catch {
    // Storage refused: the links show only in this answer.
  }
}

export function rememberedSeatLinks(w: Workshop): SeatLink[] {
  const fresh = seatLinksOf(w);
  if (fresh.length) return fresh;
  try {
    const raw = window.sessionStorage.getItem(KEY(w.id));
    return raw ? (JSON.parse(raw) as SeatLink[]) : [];
  } catch {
    return [];
  }
}
