// The toasts that flash new notifications in the top-right corner, as the Azure portals do. Fluent's Toaster is
// its own chunk: the provider (provider.tsx) mounts it when the first notification arrives and hands it the ones
// pushed while the chunk was loading, so no portal pays for it on first load (issue 9: ≤ 250 KB gzipped).
import { useEffect } from "react";
import { Toast, ToastBody, ToastTitle, Toaster, useId, useToastController } from "@fluentui/react-components";
import { notifications, type AppNotification } from "@/shared/notifications/notification-store";

/** Notifications pushed before the toaster listens; `live` once it does. */
export type ToastQueue = { items: AppNotification[]; live: boolean };

export default function NotificationToaster(props: { queue: ToastQueue }) {
  const toasterId = useId("toaster");
  const { dispatchToast } = useToastController(toasterId);
  const { queue } = props;
  useEffect(() => {
    // The Toaster (a child) already listens: its effects ran before this one.
    const show = (n: AppNotification) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{n.title}</ToastTitle>
          {n.body && <ToastBody style={{ whiteSpace: "pre-line" }}>{n.body}</ToastBody>}
        </Toast>,
        { intent: n.intent, timeout: n.intent === "error" ? 8000 : 4000 },
      );
    queue.live = true;
    for (const n of queue.items.splice(0)) show(n);
    const off = notifications.onPush(show);
    return () => {
      off();
      queue.live = false;
    };
  }, [dispatchToast, queue]);
  return <Toaster toasterId={toasterId} position="top-end" offset={{ vertical: 48 }} />;
}
