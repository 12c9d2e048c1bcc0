// Enterprise applications | Application proxy (rules-reference C.4; seed 000 steps 3–10): Download connector
// service, the connector groups with their connectors (machine, external IP, version, Active/Inactive), New
// connector group, rename / region, move a connector through its Connector Group dropdown + Save, delete an empty group.
import { useState } from "react";
import {
  Badge,
  Button,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular, ArrowDownload20Regular } from "@fluentui/react-icons";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useCan, useSignedInSession } from "@/shared/session/session";
import {
  useConnectorGroups,
  useCreateConnectorGroup,
  useDeleteConnectorGroup,
  useMoveConnector,
  useUpdateConnectorGroup,
  type GroupWithMembers,
} from "@/features/entra/enterprise-apps/api/app-proxy";
import type { Connector } from "@/features/entra/enterprise-apps/api/types";
import { EnterpriseAppsMenu } from "@/features/entra/enterprise-apps/components/blade-menu";
import { ConnectorGroupDialog, regionLabel } from "@/features/entra/enterprise-apps/components/connector-group-dialog";
import { DownloadConnectorDialog } from "@/features/entra/enterprise-apps/components/download-connector-dialog";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "6px", marginBottom: "16px" },
  groupHead: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  move: { display: "flex", gap: "4px", alignItems: "center" },
});

export function StatusBadge(props: { status: Connector["status"] }) {
  return props.status === "active" ? (
    <Badge appearance="filled" color="success">
      Active
    </Badge>
  ) : (
    <Badge appearance="tint" color="subtle">
      Inactive
    </Badge>
  );
}

function MoveConnector(props: { connector: Connector; group: GroupWithMembers; groups: GroupWithMembers[]; tenantId: string; canWrite: boolean }) {
  const s = useStyles();
  const [target, setTarget] = useState(props.group.id);
  const move = useMoveConnector(props.tenantId);
  const name = props.connector.machineName;
  return (
    <div className={s.move}>
      <Select aria-label={`Connector Group of ${name}`} value={target} disabled={!props.canWrite} onChange={(_e, d) => setTarget(d.value)}>
        {props.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </Select>
      {props.canWrite && (
        <Button
          size="small"
          aria-label={`Save Connector Group of ${name}`}
          disabled={target === props.group.id || move.isPending}
          onClick={() => move.mutate({ connectorId: props.connector.id, groupId: target })}
        >
          Save
        </Button>
      )}
    </div>
  );
}

export default function ApplicationProxyRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const canWrite = useCan("entra.appProxy.write");
  const groups = useConnectorGroups(tenantId);
  const [download, setDownload] = useState(false);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<GroupWithMembers | null>(null);
  const [deleting, setDeleting] = useState<GroupWithMembers | null>(null);
  const create = useCreateConnectorGroup(tenantId);
  const update = useUpdateConnectorGroup(tenantId);
  const remove = useDeleteConnectorGroup(tenantId);
  const all = groups.data ?? [];
  const connectors = all.flatMap((g) => g.members.map((c) => ({ ...c, groupName: g.name })));

  return (
    <EnterpriseAppsMenu>
      <Page
        title="Application proxy"
        subtitle="Private network connectors and connector groups"
        commands={
          <>
            <Button appearance="subtle" icon={<ArrowDownload20Regular />} onClick={() => setDownload(true)}>
              Download connector service
            </Button>
            {canWrite && (
              <Button appearance="subtle" icon={<Add20Regular />} onClick={() => setCreating(true)}>
                New connector group
              </Button>
            )}
            <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void groups.refetch()}>
              Refresh
            </Button>
          </>
        }
      >
        <Text>
          Connectors process the remote access to your applications; connector groups organize connectors and apps by region, network or purpose.
          An active connector can connect to the service. Unused connectors are tagged as inactive and are removed after 10 days of inactivity.
        </Text>
        {groups.isPending && <Loading />}
        {groups.error && <ErrorMessage error={groups.error} />}
        {groups.data && connectors.length === 0 && (
          <Text weight="semibold">No connectors are registered yet. Select Download connector service to install one on a server of your lab.</Text>
        )}
        {all.map((g) => (
          <section key={g.id} aria-label={`Connector group ${g.name}`} className={s.group}>
            <div className={s.groupHead}>
              <h2 style={{ fontSize: 16, margin: 0 }}>{g.name}</h2>
              {g.isDefault && <Badge appearance="outline">Default</Badge>}
              <Text size={200}>Region: {regionLabel(g.region)}</Text>
              <Text size={200}>
                {g.members.length} connector{g.members.length === 1 ? "" : "s"}, {g.members.filter((c) => c.status === "active").length} active
              </Text>
              {canWrite && (
                <>
                  <Button size="small" aria-label={`Edit connector group ${g.name}`} onClick={() => setEditing(g)}>
                    Edit
                  </Button>
                  {!g.isDefault && (
                    <Button
                      size="small"
                      aria-label={`Delete connector group ${g.name}`}
                      disabled={g.members.length > 0}
                      title={g.members.length > 0 ? "Move its connectors to another group first: only an empty group can be deleted." : undefined}
                      onClick={() => setDeleting(g)}
                    >
                      Delete
                    </Button>
                  )}
                </>
              )}
            </div>
            <Table aria-label={`Connectors in ${g.name}`} size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>External IP</TableHeaderCell>
                  <TableHeaderCell>Version</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Connector Group</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {g.members.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{c.machineName}</TableCell>
                    <TableCell>{c.externalIp}</TableCell>
                    <TableCell>{c.version}</TableCell>
                    <TableCell>
                      <StatusBadge status={c.status} />
                    </TableCell>
                    <TableCell>
                      <MoveConnector key={`${c.id}-${g.id}`} connector={c} group={g} groups={all} tenantId={tenantId} canWrite={canWrite} />
                    </TableCell>
                  </TableRow>
                ))}
                {g.members.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5}>No connectors in this group</TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </section>
        ))}
      </Page>
      <DownloadConnectorDialog open={download} onClose={() => setDownload(false)} />
      {creating && (
        <ConnectorGroupDialog
          open
          title="New connector group"
          initial={{ name: "", region: null }}
          connectors={connectors}
          busy={create.isPending}
          onCancel={() => setCreating(false)}
          onSave={(v) =>
            create.mutate(
              { name: v.name, ...(v.region ? { region: v.region as "nam" } : {}), connectorIds: v.connectorIds },
              { onSuccess: () => setCreating(false) },
            )
          }
        />
      )}
      {editing && (
        <ConnectorGroupDialog
          open
          title={`Edit connector group ${editing.name}`}
          initial={{ name: editing.name, region: editing.region }}
          regionLocked={editing.members.length > 0}
          busy={update.isPending}
          onCancel={() => setEditing(null)}
          onSave={(v) =>
            update.mutate(
              {
                id: editing.id,
                body: {
                  ...(v.name !== editing.name ? { name: v.name } : {}),
                  ...(v.region && v.region !== editing.region ? { region: v.region as "nam" } : {}),
                },
              },
              { onSuccess: () => setEditing(null) },
            )
          }
        />
      )}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete connector group ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
      >
        Only a group without connectors and applications can be deleted.
      </ConfirmDialog>
    </EnterpriseAppsMenu>
  );
}
