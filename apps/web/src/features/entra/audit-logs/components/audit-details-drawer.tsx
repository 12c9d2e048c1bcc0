// "Audit Log Details": activity, target(s) and each modified property's old → new value.
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import type { DirectoryAudit } from "@/shared/api/types";
import { PropertyList } from "@/shared/components/property-list";
import { formatDateTime } from "@/shared/lib/format";
import { initiatedBy } from "@/features/entra/audit-logs/components/initiated-by";

export function AuditDetailsDrawer(props: { audit: DirectoryAudit | undefined; onClose: () => void }) {
  const a = props.audit;
  return (
    <OverlayDrawer position="end" size="medium" open={!!a} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss20Regular />} onClick={props.onClose} />}>
          Audit Log Details
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {a && (
          <>
            <PropertyList
              items={[
                ["Date", formatDateTime(a.activityDateTime)],
                ["Activity", a.activityDisplayName],
                ["Service", a.loggedByService],
                ["Category", a.category],
                ["Status", a.result],
                ["Status reason", a.resultReason || "—"],
                ["Initiated by", initiatedBy(a)],
                ["Correlation ID", a.correlationId ?? "—"],
              ]}
            />
            {a.targetResources.map((t) => (
              <section key={t.id} style={{ marginTop: 16 }}>
                <Text weight="semibold" block>
                  Target: {t.displayName ?? t.userPrincipalName ?? t.id} ({t.type})
                </Text>
                {t.modifiedProperties.length === 0 ? (
                  <Text block>No modified properties</Text>
                ) : (
                  <Table size="small" aria-label={`Modified properties of ${t.displayName ?? t.id}`}>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>Property</TableHeaderCell>
                        <TableHeaderCell>Old value</TableHeaderCell>
                        <TableHeaderCell>New value</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {t.modifiedProperties.map((p) => (
                        <TableRow key={p.displayName}>
                          <TableCell>{p.displayName}</TableCell>
                          <TableCell style={{ wordBreak: "break-all" }}>{p.oldValue ?? ""}</TableCell>
                          <TableCell style={{ wordBreak: "break-all" }}>{p.newValue ?? ""}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </section>
            ))}
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
