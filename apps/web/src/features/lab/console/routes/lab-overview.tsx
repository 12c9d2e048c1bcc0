// Server Manager › Dashboard: reset the lab (a fresh lab, or seed 002's correct configuration), the lab's findings
// summary, and All Servers with their roles and features.
import { useState } from "react";
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { ArrowReset20Regular, CheckmarkCircle20Regular } from "@fluentui/react-icons";
import { AppLink } from "@/shared/components/app-link";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { api, useLab, useLabMutation } from "@/features/lab/console/api/lab-api";
import { FindingBadge, LAB_CODE, useAllFindings } from "@/features/lab/console/components/findings";
import { ReadOnlyNotice, Section, useLabWrite } from "@/features/lab/console/components/ui";
import { rolesOf } from "@/features/lab/console/components/server-roles";

export default function LabOverviewRoute() {
  const session = useSignedInSession();
  const canWrite = useLabWrite();
  const lab = useLab();
  const findings = useAllFindings();
  const [confirm, setConfirm] = useState<"fresh" | "correct" | null>(null);
  const reset = useLabMutation((scenario: "fresh" | "correct") => api.reset(scenario), {
    success: (_d, v) => (v === "fresh" ? "Created a fresh lab" : "Loaded the correct configuration"),
    error: "Could not reset the lab",
  });
  const labFindings = (findings.data?.value ?? []).filter((f) => LAB_CODE.test(f.code));
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of labFindings) count[f.severity] += 1;

  return (
    <Page
      title="Dashboard"
      subtitle={`Server Manager — ${session.tenant.displayName} lab`}
      commands={
        canWrite ? (
          <>
            <Button appearance="subtle" icon={<ArrowReset20Regular />} onClick={() => setConfirm("fresh")}>
              Create a fresh lab
            </Button>
            <Button appearance="subtle" icon={<CheckmarkCircle20Regular />} onClick={() => setConfirm("correct")}>
              Load the correct configuration
            </Button>
          </>
        ) : undefined
      }
    >
      <ReadOnlyNotice />
      <Section title="Lab findings">
        {findings.isPending && <Loading />}
        {findings.error && <ErrorMessage error={findings.error} />}
        {findings.data && (
          <Text role="status" aria-label="Lab findings summary">
            {count.error} error{count.error === 1 ? "" : "s"}, {count.warning} warning{count.warning === 1 ? "" : "s"}, {count.info} info —{" "}
            <AppLink to={paths.health}>open Certlab Health</AppLink> or{" "}
            <AppLink to={paths.lab.topology}>see them on the lab topology</AppLink>
          </Text>
        )}
        {labFindings.length > 0 && (
          <ul aria-label="Lab findings" style={{ margin: 0, paddingLeft: 18 }}>
            {labFindings.slice(0, 30).map((f, i) => (
              <li key={`${f.code}-${i}`}>
                <Badge appearance="tint" color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}>
                  {f.severity}
                </Badge>{" "}
                <strong>{f.code}</strong> {f.title}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="All Servers">
        {lab.isPending && <Loading />}
        {lab.error && <ErrorMessage error={lab.error} title="The lab couldn't be read" />}
        {lab.data && lab.data.servers.length === 0 && <Text>The lab is empty. Create a fresh lab to start.</Text>}
        {lab.data && lab.data.servers.length > 0 && (
          <Table aria-label="All Servers" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Server Name</TableHeaderCell>
                <TableHeaderCell>FQDN</TableHeaderCell>
                <TableHeaderCell>Operating System</TableHeaderCell>
                <TableHeaderCell>Roles and features</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lab.data.servers.map((s) => (
                <ServerRow key={s.id} server={s} ndesId={s.ndesId} />
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "fresh" ? "Create a fresh lab?" : "Load the correct configuration?"}
        confirmLabel={confirm === "fresh" ? "Create" : "Load"}
        busy={reset.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm) reset.mutate(confirm, { onSettled: () => setConfirm(null) });
        }}
      >
        Every lab object (servers, accounts, the CAs, templates, NDES and the connectors) is replaced.{" "}
        {confirm === "fresh"
          ? "The fresh lab has a domain controller, a two-tier PKI and empty member servers NDES01 and APPPROXY01."
          : "The correct lab is seed 002 done right."}
      </ConfirmDialog>
    </Page>
  );
}

function ServerRow(props: { server: { id: string; name: string; fqdn: string; os: string; features: string[]; pendingRestart: boolean; isDomainController: boolean }; ndesId: string | null }) {
  const s = props.server;
  const { findings } = useServerFindings(s.id, props.ndesId);
  return (
    <TableRow>
      <TableCell>
        <AppLink to={`/lab/servers/${encodeURIComponent(s.id)}`}>{s.name}</AppLink>
        <FindingBadge findings={findings} label={s.name} />
      </TableCell>
      <TableCell>{s.fqdn}</TableCell>
      <TableCell>Windows Server {s.os.replace("R2SP1", " R2 SP1").replace("R2", " R2")}</TableCell>
      <TableCell>{rolesOf(s).join(", ") || "—"}</TableCell>
      <TableCell>{s.pendingRestart ? "Restart pending" : "Online"}</TableCell>
    </TableRow>
  );
}

function useServerFindings(serverId: string, ndesId: string | null) {
  const q = useAllFindings();
  const ids = new Set([serverId, ndesId].filter(Boolean));
  return { findings: (q.data?.value ?? []).filter((f) => f.objects.some((o) => ids.has(o.id))) };
}
