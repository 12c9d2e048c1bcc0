// The lab REST API (/api/lab): one read of the whole lab (GET /api/lab) that every console renders from, and the
// consoles' writes. Every write refreshes the lab, the findings (Health and the badges) and the lab browser.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AdAccount,
  AdGroup,
  AppProxyConnector,
  CertificateTemplate,
  CertificationAuthority,
  CertRef,
  IntuneCertificateConnector,
  LabServer,
  NdesInstance,
} from "@certlab/domain/lab/snapshot";
import { request } from "@/shared/api/http";
import type { MutationMeta } from "@/shared/api/query-client";
import { useSignedInSession } from "@/shared/session/session";

type V<T> = T & { version: number };

export type LabAccount = V<AdAccount>;
export type LabGroup = V<AdGroup>;
export type LabServerOut = V<LabServer> & { ndesId: string | null };
export type LabCa = V<CertificationAuthority>;
export type LabTemplate = V<CertificateTemplate>;
export type LabNdes = V<NdesInstance>;
export type LabIntuneConnector = IntuneCertificateConnector & { status: "active" | "inactive" | string };
export type LabAppProxyConnector = AppProxyConnector & { status: "active" | "inactive" | string; connectorGroupName?: string };

/** GET /api/lab. */
export type Lab = {
  forest: { name: string; domains: { fqdn: string; netbiosName: string }[]; version?: number } | null;
  accounts: LabAccount[];
  groups: LabGroup[];
  servers: LabServerOut[];
  cas: LabCa[];
  templates: LabTemplate[];
  ndes: LabNdes[];
  intuneCertificateConnectors: LabIntuneConnector[];
  appProxyConnectors: LabAppProxyConnector[];
};

export type CaRequest = {
  requestId: number;
  disposition: "issued" | "failed" | "pending";
  requesterName: string;
  template: string;
  subject: string;
  submittedDateTime: string;
  serialNumber?: string;
  thumbprint?: string;
  notAfter?: string;
  statusCode?: string;
  statusMessage?: string;
  /** Issued: "upn:…", "dns:…"; and the certificate (PEM). */
  subjectAlternativeNames?: string[];
  certificatePem?: string;
  /** POST answer only: why the subject and SAN are what they are. */
  notes?: string[];
};

/** "Request a certificate as…" (issue 14): the body of POST /api/lab/cas/{id}/requests. */
export type CaRequestSubmit = {
  account: string;
  template: string;
  subject?: string;
  subjectAlternativeNames: { type: "upn" | "dns"; value: string }[];
  csr?: string;
};

export type BrowseResult = { status: number; title: string; body: string; reasonCodes: string[]; contentType?: string };

export type { CertRef, CertificateTemplate };

const enc = encodeURIComponent;
export const LAB = "/api/lab";

export const labKey = (tenantId: string) => ["tenant", tenantId, "lab"] as const;

export const labQuery = (tenantId: string) =>
  queryOptions({
    queryKey: labKey(tenantId),
    queryFn: async () => {
      const lab = await request<Partial<Lab>>(LAB);
      return {
        forest: lab.forest ?? null,
        accounts: lab.accounts ?? [],
        groups: lab.groups ?? [],
        servers: lab.servers ?? [],
        cas: lab.cas ?? [],
        templates: lab.templates ?? [],
        ndes: lab.ndes ?? [],
        intuneCertificateConnectors: lab.intuneCertificateConnectors ?? [],
        appProxyConnectors: lab.appProxyConnectors ?? [],
      } satisfies Lab;
    },
  });

export function useLab() {
  const { tenant } = useSignedInSession();
  return useQuery(labQuery(tenant.id));
}

export function useCaRequests(caId: string | undefined, disposition: "issued" | "failed" | "pending") {
  const { tenant } = useSignedInSession();
  return useQuery({
    queryKey: [...labKey(tenant.id), "ca-requests", caId, disposition],
    queryFn: () => request<{ value: CaRequest[] }>(`${LAB}/cas/${enc(caId ?? "")}/requests?disposition=${disposition}`),
    enabled: !!caId,
  });
}

export function useBrowse(url: string, n: number) {
  const { tenant } = useSignedInSession();
  return useQuery({
    queryKey: [...labKey(tenant.id), "browse", url, n],
    queryFn: () => request<BrowseResult>(`${LAB}/browse?url=${enc(url)}`),
    enabled: !!url,
    retry: false,
    staleTime: 0,
  });
}

/** `version`: the version of the object the console read (GET /api/lab), sent as If-Match (a stale one is 412). */
type Call = { url: string; method: "POST" | "PATCH" | "PUT" | "DELETE"; body?: Record<string, unknown> | unknown[]; version?: number };

/** A lab write: the request, its notification texts, then the lab and the findings read again. */
export function useLabMutation<TVars, TOut = unknown>(toCall: (v: TVars) => Call, meta: MutationMeta) {
  const { tenant } = useSignedInSession();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: TVars) => {
      const c = toCall(v);
      return request<TOut>(c.url, { method: c.method, body: c.body, ifMatch: c.version === undefined ? undefined : `W/"${c.version}"` });
    },
    meta,
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: labKey(tenant.id) }),
        qc.invalidateQueries({ queryKey: ["tenant", tenant.id, "findings"] }),
      ]);
    },
  });
}

// Endpoints in one place (the API is young; paths live here only).
export const api = {
  reset: (scenario: "fresh" | "correct"): Call => ({ url: `${LAB}/reset`, method: "POST", body: { scenario } }),
  // ADUC
  createAccount: (b: Record<string, unknown>): Call => ({ url: `${LAB}/accounts`, method: "POST", body: b }),
  updateAccount: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/accounts/${enc(id)}`, method: "PATCH", body: b, version }),
  deleteAccount: (id: string): Call => ({ url: `${LAB}/accounts/${enc(id)}`, method: "DELETE" }),
  addSpn: (id: string, spn: string): Call => ({ url: `${LAB}/accounts/${enc(id)}/spns`, method: "POST", body: { spn } }),
  removeSpn: (id: string, spn: string): Call => ({ url: `${LAB}/accounts/${enc(id)}/spns?spn=${enc(spn)}`, method: "DELETE" }),
  createGroup: (b: Record<string, unknown>): Call => ({ url: `${LAB}/groups`, method: "POST", body: b }),
  addGroupMember: (groupId: string, memberId: string): Call => ({ url: `${LAB}/groups/${enc(groupId)}/members`, method: "POST", body: { memberId } }),
  removeGroupMember: (groupId: string, memberId: string): Call => ({ url: `${LAB}/groups/${enc(groupId)}/members/${enc(memberId)}`, method: "DELETE" }),
  // Server Manager
  updateServer: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}`, method: "PATCH", body: b, version }),
  features: (id: string, install: string[], remove: string[] = []): Call => ({ url: `${LAB}/servers/${enc(id)}/features`, method: "POST", body: { install, remove } }),
  addLocalMember: (id: string, group: string, member: string): Call => ({ url: `${LAB}/servers/${enc(id)}/local-groups/${enc(group)}/members`, method: "POST", body: { member } }),
  removeLocalMember: (id: string, group: string, member: string): Call => ({ url: `${LAB}/servers/${enc(id)}/local-groups/${enc(group)}/members/${enc(member)}`, method: "DELETE" }),
  service: (id: string, name: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/services/${enc(name)}`, method: "PATCH", body: b, version }),
  restart: (id: string): Call => ({ url: `${LAB}/servers/${enc(id)}/restart`, method: "POST" }),
  iisreset: (id: string): Call => ({ url: `${LAB}/servers/${enc(id)}/iisreset`, method: "POST" }),
  requestCertificate: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/servers/${enc(id)}/certificates/request`, method: "POST", body: b }),
  deleteCertificate: (id: string, store: string, thumb: string): Call => ({ url: `${LAB}/servers/${enc(id)}/certificates/${store}/${thumb}`, method: "DELETE" }),
  // NDES. The IIS writes belong to the server's NDES instance: `version` is that NDES object's.
  adcsConfiguration: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/servers/${enc(id)}/adcs-configuration`, method: "POST", body: b }),
  // The registry keys belong to the server's NDES instance: `version` is that NDES object's.
  mscep: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/registry/mscep`, method: "PATCH", body: b, version }),
  httpParameters: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/registry/http-parameters`, method: "PATCH", body: b, version }),
  addBinding: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/servers/${enc(id)}/iis/sites/1/bindings`, method: "POST", body: b }),
  removeBinding: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/iis/sites/1/bindings`, method: "DELETE", body: b, version }),
  requestFiltering: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/iis/request-filtering`, method: "PATCH", body: b, version }),
  appPool: (id: string, pool: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/iis/app-pools/${enc(pool)}`, method: "PATCH", body: b, version }),
  iis: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/iis`, method: "PATCH", body: b, version }),
  crpAuth: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/servers/${enc(id)}/iis/certificate-registration-svc`, method: "PATCH", body: b, version }),
  intuneConnector: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/servers/${enc(id)}/intune-certificate-connector`, method: "POST", body: b }),
  privateNetworkConnector: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/servers/${enc(id)}/private-network-connector`, method: "POST", body: b }),
  // certsrv.msc
  setCaAce: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/acl`, method: "PUT", body: b, version }),
  removeCaAce: (id: string, principal: string, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/acl/${enc(principal)}`, method: "DELETE", version }),
  setreg: (id: string, value: string, name: "Policy\\EditFlags" | "CA\\InterfaceFlags" = "Policy\\EditFlags", version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/setreg`, method: "POST", body: { name, value }, version }),
  submitRequest: (id: string, b: CaRequestSubmit): Call => ({ url: `${LAB}/cas/${enc(id)}/requests`, method: "POST", body: b }),
  publication: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/publication`, method: "PATCH", body: b, version }),
  updateCa: (id: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}`, method: "PATCH", body: b, version }),
  issueTemplate: (id: string, template: string, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/templates-to-issue`, method: "POST", body: { template }, version }),
  unissueTemplate: (id: string, template: string, version?: number): Call => ({ url: `${LAB}/cas/${enc(id)}/templates-to-issue/${enc(template)}`, method: "DELETE", version }),
  caCertificateUrl: (id: string, format: "der" | "base64") => `${LAB}/cas/${enc(id)}/certificate?format=${format}`,
  // certtmpl.msc
  duplicateTemplate: (id: string, b: Record<string, unknown>): Call => ({ url: `${LAB}/templates/${enc(id)}/duplicate`, method: "POST", body: b }),
  templateTab: (id: string, tab: string, b: Record<string, unknown>, version?: number): Call => ({ url: `${LAB}/templates/${enc(id)}/${tab}`, method: "PATCH", body: b, version }),
  deleteTemplate: (id: string, version?: number): Call => ({ url: `${LAB}/templates/${enc(id)}`, method: "DELETE", version }),
};

export type { Call };
