// The Windows "Security" tab shared by the Certification Authority and Certificate Templates consoles:
// one row per principal with an Allow checkbox per permission, and the "Select Users, Computers, Service
// Accounts, or Groups" dialog that adds a principal.
import { Button, Checkbox, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { FormDialog } from "@/features/lab/console/components/form-dialog";

export type AclEntry<K extends string> = { principal: string } & Record<K, boolean>;
export type Permissions<K extends string> = readonly (readonly [K, string])[];

export function AclTable<K extends string>(props: {
  label: string;
  permissions: Permissions<K>;
  entries: AclEntry<K>[];
  canWrite: boolean;
  busy: boolean;
  onToggle: (entry: AclEntry<K>, permission: K, allowed: boolean) => void;
  onRemove: (principal: string) => void;
}) {
  return (
    <Table aria-label={props.label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Group or user name</TableHeaderCell>
          {props.permissions.map(([k, label]) => (
            <TableHeaderCell key={k}>{label} (Allow)</TableHeaderCell>
          ))}
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.entries.map((a) => (
          <TableRow key={a.principal}>
            <TableCell>{a.principal}</TableCell>
            {props.permissions.map(([k, label]) => (
              <TableCell key={k}>
                <Checkbox
                  aria-label={`Allow ${label} for ${a.principal}`}
                  checked={a[k]}
                  disabled={!props.canWrite || props.busy}
                  onChange={(_e, d) => props.onToggle(a, k, !!d.checked)}
                />
              </TableCell>
            ))}
            <TableCell>
              {props.canWrite && (
                <Button size="small" appearance="subtle" aria-label={`Remove ${a.principal}`} onClick={() => props.onRemove(a.principal)}>
                  Remove
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AclAddDialog<K extends string>(props: {
  open: boolean;
  busy: boolean;
  permissions: Permissions<K>;
  principal: string;
  onPrincipalChange: (principal: string) => void;
  allowed: Record<K, boolean>;
  onAllowedChange: (allowed: Record<K, boolean>) => void;
  /** A heading above the permission checkboxes (the CA's dialog shows "Permissions (Allow)"). */
  heading?: string;
  onClose: () => void;
  onSubmit: () => void;
}) {
  return (
    <FormDialog
      open={props.open}
      title="Select Users, Computers, Service Accounts, or Groups"
      busy={props.busy}
      okDisabled={!props.principal.trim()}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Field label="Enter the object names to select" hint="e.g. CONTOSO\svc-ndes or CONTOSO\NDES01$">
        <Input value={props.principal} onChange={(_e, d) => props.onPrincipalChange(d.value)} />
      </Field>
      {props.heading && <Text weight="semibold">{props.heading}</Text>}
      {props.permissions.map(([k, label]) => (
        <Checkbox key={k} label={label} checked={props.allowed[k]} onChange={(_e, d) => props.onAllowedChange({ ...props.allowed, [k]: !!d.checked })} />
      ))}
    </FormDialog>
  );
}
