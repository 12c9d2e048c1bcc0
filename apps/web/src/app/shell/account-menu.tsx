// The account manager (top right): who is signed in, to which directory, and the session actions.
// First paint draws only the button; Fluent's Menu (and the positioning engine under it) is its own chunk
// (account-menu-popover.tsx), fetched when the pointer or the focus reaches the button, or at the latest when it is
// activated, which then opens the menu as soon as it is there. The shell's first load stays without it (issue 9:
// first-load JS ≤ 250 KB gzipped per portal).
import { lazy, startTransition, Suspense, useState } from "react";
import { AccountTrigger } from "@/app/shell/account-trigger";

const AccountMenuPopover = lazy(() => import("@/app/shell/account-menu-popover"));

type Wanted = { open: boolean; focus: boolean };

export function AccountMenu(props: { onSwitchDirectory: () => void }) {
  const [wanted, setWanted] = useState<Wanted | null>(null);
  // A transition: until the chunk is there the shell's button stays (focused, clickable); then the menu's replaces it.
  const want = (w: Wanted) =>
    startTransition(() =>
      setWanted((prev) => {
        const next = { open: !!prev?.open || w.open, focus: !!prev?.focus || w.focus };
        return prev && prev.open === next.open && prev.focus === next.focus ? prev : next;
      }),
    );
  const placeholder = (
    <AccountTrigger
      aria-haspopup="menu"
      onPointerEnter={() => want({ open: false, focus: false })}
      onFocus={() => want({ open: false, focus: true })}
      onClick={() => want({ open: true, focus: true })}
      onKeyDown={(e) => {
        // Fluent's MenuTrigger opens on ArrowDown too.
        if (e.key === "ArrowDown") {
          e.preventDefault();
          want({ open: true, focus: true });
        }
      }}
    />
  );
  return (
    <Suspense fallback={placeholder}>
      {wanted ? <AccountMenuPopover onSwitchDirectory={props.onSwitchDirectory} defaultOpen={wanted.open} takeFocus={wanted.focus} /> : placeholder}
    </Suspense>
  );
}
