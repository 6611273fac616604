"use client";

import dynamic from "next/dynamic";
import type { ToasterProps } from "sonner";
import { useAfterLoad } from "./use-after-load";

const SonnerToaster = dynamic(() => import("sonner").then((m) => m.Toaster), { ssr: false });

/** sonner's Toaster, mounted once the page has loaded (its code is not in the first load: docs/decisions/083). */
export function Toaster(props: ToasterProps) {
  return useAfterLoad() ? <SonnerToaster {...props} /> : null;
}
