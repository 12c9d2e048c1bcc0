// Time left in a workshop, as the dashboard, the scoreboard and the Tasks panel show it ("12:05", "1:02:09").
import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs` (the countdowns tick without any request). */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

/** "mm:ss" or "h:mm:ss" until `endsAt`; "0:00" once it has passed. */
export function timeLeft(endsAt: string, now: number): string {
  const ms = Math.max(0, new Date(endsAt).getTime() - now);
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
