// The lab consoles' form dialog: OK/Cancel as Windows dialogs have; Enter submits.
import type { FormEvent, ReactNode } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

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
