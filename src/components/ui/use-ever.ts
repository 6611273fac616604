import { useState } from "react";

/**
 * True from the first render where `value` is true, for good: a dialog loaded on first use (next/dynamic) mounts when
 * it first opens and then stays mounted, so closing it works as before (docs/decisions/083).
 */
export function useEver(value: boolean): boolean {
  const [ever, setEver] = useState(value);
  if (value && !ever) setEver(true);
  return ever || value;
}
