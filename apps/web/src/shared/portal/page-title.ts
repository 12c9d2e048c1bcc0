// Each page names itself once: the name becomes the document title and the last breadcrumb
// ("Home > Users > Jane Doe"), so a details page shows the object's name rather than its id.
import { useEffect, useSyncExternalStore } from "react";
import { usePortal } from "@/shared/portal/portal-context";

let leaf: { path: string; title: string } | undefined;
const listeners = new Set<() => void>();

function setLeaf(next: typeof leaf): void {
  leaf = next;
  for (const l of listeners) l();
}

export function usePageTitle(title: string | undefined): void {
  const portal = usePortal();
  useEffect(() => {
    if (!title) return;
    document.title = `${title} - ${portal.productName}`;
    const path = window.location.pathname;
    setLeaf({ path, title });
    return () => {
      if (leaf?.path === path && leaf.title === title) setLeaf(undefined);
    };
  }, [title, portal.productName]);
}

/** The title the page at `path` gave itself, if it did. */
export function usePageTitleFor(path: string): string | undefined {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => leaf,
    () => leaf,
  );
  return current?.path === path ? current.title : undefined;
}
