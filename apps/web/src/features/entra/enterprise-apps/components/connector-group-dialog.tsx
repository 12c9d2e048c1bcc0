// New connector group (name + connectors, rules-reference C.4) and Edit connector group (rename, region).
import { useState } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Text,
} from "@fluentui/react-components";
import type { Connector } from "@/features/entra/enterprise-apps/api/types";

export const REGIONS: { value: string; label: string }[] = [
  { value: "nam", label: "North America" },
  { value: "eur", label: "Europe" },
  { value: "aus", label: "Australia" },
  { value: "asia", label: "Asia" },
  { value: "ind", label: "India" },
];

export const regionLabel = (r: string | null | undefined) => REGIONS.find((x) => x.value === r)?.label ?? "Default (closest)";

export function ConnectorGroupDialog(props: {
  open: boolean;
  title: string;
  initial: { name: string; region: string | null };
  /** Offered on "New connector group" only. */
  connectors?: (Connector & { groupName: string })[];
  regionLocked?: boolean;
  busy?: boolean;
  onSave: (v: { name: string; region: string | null; connectorIds: string[] }) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(props.initial.name);
  const [region, setRegion] = useState(props.initial.region ?? "");
  const [picked, setPicked] = useState<string[]>([]);
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && props.onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
            <Field label="Name" required>
              <Input value={name} onChange={(_e, d) => setName(d.value)} />
            </Field>
            <Field label="Region" hint={props.regionLocked ? "The region can change only while the group has no connectors or applications." : undefined}>
              <Select value={region} disabled={props.regionLocked} onChange={(_e, d) => setRegion(d.value)}>
                <option value="">Default (closest)</option>
                {REGIONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </Select>
            </Field>
            {props.connectors && (
              <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
                <legend>Connectors</legend>
                {props.connectors.length === 0 && <Text>No connectors are installed yet.</Text>}
                {props.connectors.map((c) => (
                  <Checkbox
                    key={c.id}
                    label={`${c.machineName} (${c.groupName})`}
                    checked={picked.includes(c.id)}
                    onChange={(_e, d) => setPicked((p) => (d.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))}
                  />
                ))}
              </fieldset>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={props.busy || name.trim() === ""}
              onClick={() => props.onSave({ name: name.trim(), region: region || null, connectorIds: picked })}
            >
              Save
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
