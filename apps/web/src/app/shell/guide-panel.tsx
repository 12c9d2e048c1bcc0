// Where the guide side panel goes in every portal's frame. Its content is its own chunk, loaded the first time a
// guide is followed, so the shell's first load stays small (issue 8: ≤ 250 KB of JS, gzipped).
import { lazy, Suspense } from "react";
import { useGuidePanel } from "@/shared/guides/guide-panel-store";

const GuidePanelContent = lazy(() => import("@/app/shell/guide-panel-content"));

export function GuidePanel() {
  const guideId = useGuidePanel();
  if (!guideId) return null;
  return (
    <Suspense fallback={null}>
      <GuidePanelContent guideId={guideId} />
    </Suspense>
  );
}
