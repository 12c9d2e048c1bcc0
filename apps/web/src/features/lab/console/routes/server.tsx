// One lab server, as its consoles: Server Manager (Local Server, Roles and Features), Local Users and Groups,
// Services, Certificates (Local Computer), IIS Manager, Registry Editor and the connector installers. Restart and
// iisreset are the server's commands (seed 002: "Don't use iisreset").
import { useState } from "react";
import { Button, Tab, TabList, Text } from "@fluentui/react-components";
import { ArrowClockwise20Regular, ArrowSync20Regular } from "@fluentui/react-icons";
import { Navigate, useParams, useSearchParams } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { api, useLab, useLabMutation } from "@/features/lab/console/api/lab-api";
import { Connectors } from "@/features/lab/console/components/connectors";
import { FindingBadge, FindingList, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { Certificates, IisManager, LocalGroups, RegistryEditor, Services } from "@/features/lab/console/components/server-consoles";
import { LocalServer, RolesAndFeatures } from "@/features/lab/console/components/server-manager";
import { ReadOnlyNotice, useLabWrite } from "@/features/lab/console/components/ui";

const CONSOLES = [
  ["local", "Local Server", undefined],
  ["roles", "Roles and Features", /^NDES_(ROLE|NOT_|OS|ON_|CSP|INSTALLED)/],
  ["groups", "Local Users and Groups", TAB_CODES.localGroups],
  ["services", "Services", TAB_CODES.services],
  ["certificates", "Certificates (Local Computer)", TAB_CODES.certificates],
  ["iis", "IIS Manager", TAB_CODES.iis],
  ["registry", "Registry Editor", TAB_CODES.registry],
  ["connectors", "Connectors", TAB_CODES.connector],
] as const;

type ConsoleId = (typeof CONSOLES)[number][0];

function ConsoleTab(props: { id: ConsoleId; label: string; ids: string[]; re: RegExp | undefined }) {
  const findings = useFindingsFor(props.ids, props.re ? codeIn(props.re) : () => false);
  return (
    <Tab value={props.id}>
      {props.label}
      <FindingBadge findings={findings} />
    </Tab>
  );
}

export default function ServerRoute() {
  const { serverId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const lab = useLab();
  const canWrite = useLabWrite();
  const [confirm, setConfirm] = useState<"restart" | null>(null);
  const server = lab.data?.servers.find((s) => s.id === serverId || s.name.toLowerCase() === serverId.toLowerCase());
  const ndes = lab.data?.ndes.find((n) => n.serverId === server?.id);
  const connectorIds = [
    ...(lab.data?.intuneCertificateConnectors ?? []).filter((c) => c.serverId === server?.id).map((c) => c.id),
    ...(lab.data?.appProxyConnectors ?? []).filter((c) => c.serverId === server?.id).map((c) => c.id),
  ];
  const ids = [server?.id ?? "", ndes?.id ?? "", ...connectorIds].filter(Boolean);
  const all = useFindingsFor(ids);
  const restart = useLabMutation(() => api.restart(server!.id), { success: `${server?.name ?? "The server"} restarted`, error: "Could not restart the server" });
  const iisreset = useLabMutation(() => api.iisreset(server!.id), { success: "iisreset: Internet services successfully restarted", error: "iisreset failed" });
  const current = (params.get("console") ?? "local") as ConsoleId;

  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  if (!server) return <ErrorMessage error={new Error(`The server '${serverId}' is not in the lab.`)} title="Server not found" />;
  if (server.id !== serverId) return <Navigate to={`/lab/servers/${encodeURIComponent(server.id)}${params.size ? `?${params}` : ""}`} replace />;

  return (
    <Page
      title={server.name}
      subtitle={`${server.fqdn} — Windows Server ${server.os}${server.pendingRestart ? " — restart pending" : ""}`}
      commands={
        <>
          {canWrite && (
            <>
              <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => setConfirm("restart")}>
                Restart
              </Button>
              {server.features.includes("Web-Server") && (
                <Button appearance="subtle" icon={<ArrowSync20Regular />} disabled={iisreset.isPending} onClick={() => iisreset.mutate(undefined)}>
                  iisreset
                </Button>
              )}
            </>
          )}
          <AppLink to="/lab/browser">Open the lab browser</AppLink>
        </>
      }
    >
      <ReadOnlyNotice />
      {all.length > 0 && (
        <details>
          <summary>
            <Text weight="semibold">Findings on this server</Text> <FindingBadge findings={all} label={server.name} />
          </summary>
          <FindingList findings={all} />
        </details>
      )}
      <TabList
        selectedValue={current}
        onTabSelect={(_e, d) => setParams({ console: String(d.value) }, { replace: true })}
        aria-label="Consoles"
        style={{ flexWrap: "wrap" }}
      >
        {CONSOLES.map(([id, label, re]) => (
          <ConsoleTab key={id} id={id} label={label} ids={ids} re={re} />
        ))}
      </TabList>
      <div role="tabpanel" aria-label={CONSOLES.find((c) => c[0] === current)?.[1]} style={{ display: "flex", flexDirection: "column", gap: 16 }}>
        {current === "local" && <LocalServer server={server} />}
        {current === "roles" && <RolesAndFeatures server={server} lab={lab.data} />}
        {current === "groups" && <LocalGroups server={server} />}
        {current === "services" && <Services server={server} />}
        {current === "certificates" && <Certificates server={server} lab={lab.data} />}
        {current === "iis" && <IisManager server={server} ndes={ndes} />}
        {current === "registry" && <RegistryEditor server={server} ndes={ndes} />}
        {current === "connectors" && <Connectors server={server} lab={lab.data} />}
      </div>
      <ConfirmDialog
        open={confirm === "restart"}
        title={`Restart ${server.name}?`}
        confirmLabel="Restart"
        busy={restart.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => restart.mutate(undefined, { onSettled: () => setConfirm(null) })}
      >
        Services set to Automatic start, the IIS application pools start, and changes waiting for a restart take effect.
      </ConfirmDialog>
    </Page>
  );
}
