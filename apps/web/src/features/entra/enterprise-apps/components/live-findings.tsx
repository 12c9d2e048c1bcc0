// The rules engine on the draft as the admin types (rules-reference A.8, A.9): the tenant's snapshot with the
// draft application in it, evaluated in the browser with the same rules as Certlab Health.
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { Badge, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { Finding } from "@certlab/domain/rules/types";
import { request } from "@/shared/api/http";
import { useDebounced } from "@/shared/hooks/use-debounced";
import { useSignedInSession } from "@/shared/session/session";
import { appsKey } from "@/features/entra/enterprise-apps/api/applications";
import { draftFindings, type OnPremDraft } from "@/features/entra/enterprise-apps/lib/draft";

export function useTenantSnapshot(tenantId: string) {
  return useQuery({
    queryKey: [...appsKey(tenantId), "snapshot"],
    queryFn: () => request<TenantSnapshot>(`/api/tenants/${tenantId}/snapshot`),
    staleTime: 5_000,
  });
}

export function useDraftFindings(draft: OnPremDraft, applicationId?: string): Finding[] | undefined {
  const session = useSignedInSession();
  const snapshot = useTenantSnapshot(session.tenant.id);
  const settled = useDebounced(draft, 250);
  return useMemo(() => {
    if (!snapshot.data) return undefined;
    try {
      return draftFindings(snapshot.data, settled, {
        ...(applicationId ? { applicationId } : {}),
        caller: { userId: session.user.id, displayName: session.user.displayName, roleDefinitionIds: session.roles.map((r) => r.id) },
      });
    } catch {
      return undefined;
    }
  }, [snapshot.data, settled, applicationId, session]);
}

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: "8px", margin: 0, padding: 0, listStyle: "none" },
  item: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: "8px" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const COLOR = { error: "danger", warning: "warning", info: "informative" } as const;

export function FindingsList(props: { findings: Finding[] | undefined; label: string; empty: string }) {
  const s = useStyles();
  if (!props.findings) return null;
  return (
    <section aria-label={props.label}>
      {props.findings.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{props.empty}</MessageBarBody>
        </MessageBar>
      ) : (
        <ul className={s.list}>
          {props.findings.map((f) => (
            <li key={`${f.code}|${f.message}`} className={s.item}>
              <Badge appearance="tint" color={COLOR[f.severity]}>
                {f.severity}
              </Badge>{" "}
              <span className={s.code}>{f.code}</span> <Text weight="semibold">{f.title}</Text>
              <div>{f.message}</div>
              <Text size={200}>Fix: {f.fix}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
