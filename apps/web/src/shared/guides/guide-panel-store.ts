// Which guide the side panel shows (issue 8: the panel "stays open while the admin works in the Intune, Entra or
// Lab screens"). Each portal has its own shell, so the state lives above them: a small store kept in
// sessionStorage (a reload or a switch between portals keeps the panel; a new browser tab starts without it).
import { useSyncExternalStore } from "react";

const KEY = "certlab.guidePanel";

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let current: string | null = read();

function write(value: string | null): void {
  current = value;
  try {
    if (value) window.sessionStorage.setItem(KEY, value);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the panel still works for this page's lifetime.
  }
  for (const l of listeners) l();
}

export const guidePanel = {
  open(guideId: string): void {
    write(guideId);
  },
  close(): void {
    write(null);
  },
  get(): string | null {
    return current;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests: forget the panel between cases. */
  reset(): void {
    write(null);
  },
};

/** The guide id shown in the side panel, or null when it is closed. */
export function useGuidePanel(): string | null {
  return useSyncExternalStore(guidePanel.subscribe, guidePanel.get, guidePanel.get);
}
