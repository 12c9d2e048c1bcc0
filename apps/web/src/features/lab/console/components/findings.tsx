// Findings on the lab's objects: GET /api/tenants/{id}/findings (the same query Health reads), filtered by the
// objects a finding names. A badge shows on the object and on the console tab the finding's code belongs to.
import { Badge, Tooltip } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { request } from "@/shared/api/http";
import type { Finding, FindingsResponse } from "@/shared/api/types";
import { useSignedInSession } from "@/shared/session/session";

export function useAllFindings() {
  const { tenant } = useSignedInSession();
  return useQuery({
    queryKey: ["tenant", tenant.id, "findings"],
    queryFn: () => request<FindingsResponse>(`/api/tenants/${encodeURIComponent(tenant.id)}/findings`),
  });
}

/** Codes of the on-premises sections (rules-reference A.1–A.5, A.10). */
export const LAB_CODE = /^(CA|TPL|NDES|IIS|HTTPSYS|CONN|WAP|RP|NET|APPPROXY_CONNECTOR|AD|SRV)_/;

/** Findings naming any of `ids` (and, when given, whose code a tab owns). */
export function useFindingsFor(ids: readonly (string | undefined)[], codeFilter?: (code: string) => boolean): Finding[] {
  const q = useAllFindings();
  const set = new Set(ids.filter(Boolean) as string[]);
  return (q.data?.value ?? []).filter((f) => f.objects.some((o) => set.has(o.id)) && (!codeFilter || codeFilter(f.code)));
}

/** Which console tab a finding code belongs to (rules-reference "Objects" column). */
export const TAB_CODES = {
  // certtmpl.msc tabs
  general: /^TPL_(PUBLISH_IN_AD|VALIDITY)/,
  compatibility: /^TPL_NOT_V2/,
  requestHandling: /^TPL_EXPORTABLE/,
  cryptography: /^TPL_MIN_KEY/,
  subjectName: /^TPL_SUBJECT/,
  extensions: /^TPL_(NO_CLIENT_AUTH|APPLE|IIS_NO_SERVER_AUTH|LEGACY)/,
  security: /^(TPL_ACL|CA_TEMPLATE_UNREADABLE)/,
  // certsrv.msc
  caSecurity: /^CA_(REQUEST|REVOKE)_PERMISSION/,
  caPolicy: /^CA_EDITF/,
  caTemplates: /^CA_TEMPLATE_NOT_PUBLISHED/,
  // server consoles
  iis: /^(IIS_|NDES_APPPOOL|NDES_CRP|NDES_MSCEP_ADMIN)/,
  registry: /^(NDES_MSCEP|NDES_REGISTRY|NDES_TEMPLATE|HTTPSYS_|NDES_HASH)/,
  localGroups: /^(NDES_SVC_NOT_IN_IIS_IUSRS|NDES_IMPERSONATE|NDES_.*ADMIN)/,
  certificates: /^(NDES_RA|NDES_INTERMEDIATE|IIS_CERT|NDES_CSP)/,
  services: /^(NDES_SERVICE|CONN_SERVICE|CONN_.*STOPPED)/,
  connector: /^CONN_/,
  spn: /^NDES_SPN/,
} as const;

export function codeIn(re: RegExp) {
  return (code: string) => re.test(code);
}

/** A red/orange count badge with the findings' titles as its tooltip; nothing when there are none. */
export function FindingBadge(props: { findings: readonly Finding[]; label?: string }) {
  const n = props.findings.length;
  if (!n) return null;
  const error = props.findings.some((f) => f.severity === "error");
  const text = props.findings.map((f) => `${f.code}: ${f.title}`).join("\n");
  const name = `${n} finding${n === 1 ? "" : "s"}${props.label ? ` on ${props.label}` : ""}: ${props.findings.map((f) => f.code).join(", ")}`;
  return (
    <Tooltip content={<span style={{ whiteSpace: "pre-line" }}>{text}</span>} relationship="description">
      <Badge size="small" color={error ? "danger" : "warning"} appearance="filled" aria-label={name} role="status" style={{ marginLeft: 6 }}>
        {n}
      </Badge>
    </Tooltip>
  );
}

/** Findings listed in full under a console (code, message, fix). */
export function FindingList(props: { findings: readonly Finding[] }) {
  if (!props.findings.length) return null;
  return (
    <ul aria-label="Findings" style={{ margin: 0, paddingLeft: 18 }}>
      {props.findings.map((f, i) => (
        <li key={`${f.code}-${i}`}>
          <strong>{f.code}</strong> — {f.message} <em>Fix: {f.fix}</em>
        </li>
      ))}
    </ul>
  );
}
