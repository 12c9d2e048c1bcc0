// Live matrix (issue 11 part 4): the dashboard listens to GET /api/workshops/{id}/events. Each `matrix` event
// carries the same body as GET /api/workshops/{id}, written straight into the query cache, so the matrix recolours
// without a reload. While the stream is not open (not yet, dropped, or a proxy that buffers it) the caller polls
// instead (≤ 2 s).
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { workshopApi, workshopKey, type Workshop } from "@/shared/workshops/api";

export function useWorkshopEvents(id: string, enabled: boolean): { live: boolean } {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(workshopApi.eventsUrl(id), { withCredentials: true });
    const onMatrix = (e: MessageEvent<string>) => {
      try {
        const body = JSON.parse(e.data) as Workshop;
        qc.setQueryData(workshopKey(id), body);
        // The drawer's findings and audit entries follow the same change.
        void qc.invalidateQueries({ queryKey: [...workshopKey(id), "seat"] });
      } catch {
        // A malformed event: the next one (or the poll) brings the matrix.
      }
    };
    source.addEventListener("matrix", onMatrix as EventListener);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(source.readyState === EventSource.OPEN);
    return () => {
      source.removeEventListener("matrix", onMatrix as EventListener);
      source.close();
      setLive(false);
    };
  }, [id, enabled, qc]);
  return { live };
}
