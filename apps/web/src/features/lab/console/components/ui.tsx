// Small building blocks of the lab consoles: a form dialog (OK/Cancel as Windows dialogs have), a read-only notice.
import type { FormEvent, ReactNode } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from "@fluentui/react-components";
import { useCan } from "@/shared/session/session";

export function FormDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  okLabel?: string;
  busy?: boolean;
  okDisabled?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  wide?: boolean;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!props.busy && !props.okDisabled) props.onSubmit();
  };
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DialogSurface aria-label={props.title} style={props.wide ? { maxWidth: 760 } : undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent style={{ display: "flex", flexDirection: "column", gap: 10 }}>{props.children}</DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={props.busy || props.okDisabled}>
                {props.okLabel ?? "OK"}
              </Button>
              <Button type="button" onClick={props.onClose}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** Whether the signed-in user may change the lab (a Global Reader sees everything read-only). */
export function useLabWrite(): boolean {
  return useCan("lab.write");
}

export function ReadOnlyNotice() {
  const can = useLabWrite();
  if (can) return null;
  return (
    <MessageBar intent="info">
      <MessageBarBody>You have read-only access to the lab: your role can view the consoles but not change them.</MessageBarBody>
    </MessageBar>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-label={props.title} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <div style={{ display: "flex", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

export const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "Server Authentication",
  "1.3.6.1.5.5.7.3.2": "Client Authentication",
  "1.3.6.1.5.5.7.3.4": "Secure Email",
  "1.3.6.1.4.1.311.10.3.4": "Encrypting File System",
  "1.3.6.1.4.1.311.20.2.1": "Certificate Request Agent",
  "1.3.6.1.5.5.8.2.2": "IP security IKE intermediate",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
};
export const ekuName = (oid: string) => EKU_NAMES[oid] ?? oid;
