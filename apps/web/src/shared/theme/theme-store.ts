// Light or dark, chosen in Settings and kept in localStorage.
import { useSyncExternalStore } from "react";

export type ThemeName = "light" | "dark";
const KEY = "certlab.theme";
const listeners = new Set<() => void>();

function read(): ThemeName {
  try {
    return window.localStorage.getItem(KEY) === "dark" ? "dark" : "light";
  } catch {
    return "light";
  }
}

let current: ThemeName = typeof window === "undefined" ? "light" : read();

export function setTheme(theme: ThemeName): void {
  current = theme;
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const l of listeners) l();
}

export function useTheme(): ThemeName {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => current,
  );
}
