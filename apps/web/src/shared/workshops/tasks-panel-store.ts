// Whether the trainee's Tasks panel is shown. It opens by itself for a workshop seat (joining opens it); closing it
// is remembered for this tab (sessionStorage), and the top bar's "Tasks" button opens it again.
import { useSyncExternalStore } from "react";

const KEY = "certlab.tasksPanelClosed";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

let closed = read();

function write(value: boolean): void {
  closed = value;
  try {
    if (value) window.sessionStorage.setItem(KEY, "1");
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused: the choice lasts for this page only.
  }
  for (const l of listeners) l();
}

export const tasksPanel = {
  open: () => write(false),
  close: () => write(true),
  isOpen: () => !closed,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useTasksPanelOpen(): boolean {
  return useSyncExternalStore(tasksPanel.subscribe, tasksPanel.isOpen, tasksPanel.isOpen);
}
