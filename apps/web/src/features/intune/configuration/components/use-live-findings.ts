// The live findings of a draft: the Graph body the wizard would send, evaluated by the API's draft endpoint (the
// same Intune rules as Certlab Health) whenever the draft settles for a moment; a refused certificate upload
// (a .pfx, a private key, not a certificate) lands in the notifications as soon as the API says so.
import { useEffect, useMemo, useRef } from "react";
import { notifications } from "@/shared/notifications/notification-store";
import { useDebounced } from "@/shared/hooks/use-debounced";
import { useDraftEvaluation } from "@/features/intune/configuration/api/profiles";
import { createBody, toTargets, type Draft } from "@/features/intune/configuration/lib/draft";

export function useLiveFindings(tenantId: string, draft: Draft, existingId?: string) {
  const input = useMemo(
    () => ({ draft: createBody(draft), assignments: toTargets(draft.assignments), ...(existingId ? { existingId } : {}) }),
    [draft, existingId],
  );
  const settled = useDebounced(input, 250);
  const query = useDraftEvaluation(tenantId, settled);
  const pendingUpload = useRef<{ fileName: string; base64: unknown } | null>(null);

  useEffect(() => {
    const pending = pendingUpload.current;
    if (!pending || !query.data || query.isPlaceholderData) return;
    if (settled.draft.trustedRootCertificate !== pending.base64) return;
    pendingUpload.current = null;
    const refused = query.data.validation.filter((v) => v.target === "trustedRootCertificate");
    if (refused.length)
      notifications.push({ intent: "error", title: `Could not use ${pending.fileName}`, body: refused.map((v) => v.message).join("\n") });
  }, [query.data, query.isPlaceholderData, settled]);

  return {
    evaluation: query.data,
    error: query.error,
    busy: query.isFetching || settled !== input,
    /** Call after a certificate file was read into the draft. */
    uploaded: (fileName: string, base64: unknown) => {
      pendingUpload.current = { fileName, base64 };
    },
  };
}
