// The Fluent dialog behind ConfirmDialog (confirm-dialog.tsx), in its own chunk: a page that offers a confirmation
// loads Fluent's Dialog only when the user first asks for it. Fluent's Dialog traps focus and returns it on close.
import { useEffect, useState, type ReactNode } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

export default function ConfirmDialogSurface(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  // Mounted closed, then opened on the next render, as when the dialog was part of the page from the start. Mounted
  // straight open, Fluent's modal support (tabster) was seen, on a busy machine, to leave the page behind the dialog
  // aria-hidden for a few hundred milliseconds after closing.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <Dialog open={props.open && mounted} onOpenChange={(_e, d) => !d.open && props.onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.children}</DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={props.busy} onClick={props.onConfirm}>
              {props.confirmLabel}
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
