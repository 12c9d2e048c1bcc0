// The portal's notifications (the bell, top right, as in the Azure portals). Any page may push; save errors
// from mutations always land here (seed 003: creation errors appear "in the top-right corner").
import { useSyncExternalStore } from "react";

export type NotificationIntent = "success" | "error" | "info" | "warning";

export type AppNotification = {
  id: string;
  intent: NotificationIntent;
  title: string;
  body: string;
  time: string;
  read: boolean;
};

type Listener = () => void;

let items: AppNotification[] = [];
const listeners = new Set<Listener>();
const pushListeners = new Set<(n: AppNotification) => void>();
let seq = 0;

function emit(): void {
  for (const l of listeners) l();
}

export const notifications = {
  push(n: { intent: NotificationIntent; title: string; body?: string }): AppNotification {
    seq += 1;
    const item: AppNotification = {
      id: `n${Date.now().toString(36)}-${seq}`,
      intent: n.intent,
      title: n.title,
      body: n.body ?? "",
      time: new Date().toISOString(),
      read: false,
    };
    items = [item, ...items].slice(0, 100);
    emit();
    for (const l of pushListeners) l(item);
    return item;
  },
  dismiss(id: string): void {
    items = items.filter((n) => n.id !== id);
    emit();
  },
  clear(): void {
    items = [];
    emit();
  },
  markAllRead(): void {
    if (items.every((n) => n.read)) return;
    items = items.map((n) => ({ ...n, read: true }));
    emit();
  },
  getAll(): AppNotification[] {
    return items;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Called once per new notification (the shell shows a toast). */
  onPush(listener: (n: AppNotification) => void): () => void {
    pushListeners.add(listener);
    return () => pushListeners.delete(listener);
  },
};

export function useNotifications(): AppNotification[] {
  return useSyncExternalStore(notifications.subscribe, notifications.getAll, notifications.getAll);
}
