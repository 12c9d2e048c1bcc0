// "Delete user?" style confirmation. Fluent's Dialog traps focus and returns it on close.
// The dialog itself (confirm-dialog-surface.tsx) is its own chunk, loaded the first time the confirmation opens and
// kept mounted afterwards (for its closing motion and every later opening): the pages that offer a confirmation,
// the home page and the lab dashboard among them, do not pay for Fluent's Dialog on first load (issue 9: first-load
// JS ≤ 250 KB gzipped per portal).
import { lazy, Suspense, useState, type ReactNode } from "react";

const ConfirmDialogSurface = lazy(() => import("@/shared/components/confirm-dialog-surface"));

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ConfirmDialogSurface {...props} />
    </Suspense>
  );
}
