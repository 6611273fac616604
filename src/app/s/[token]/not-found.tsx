import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "~/components/layout/status-page";
import { buttonClass } from "~/components/ui/button";

export const metadata: Metadata = {
  title: "Link not found · Workflow Studio",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

/** Every shared link that opens nothing — mistyped, revoked, expired, or its workflow deleted — gets this same page. */
export default function SharedLinkNotFound() {
  return (
    <StatusPage
      code="404"
      title="This link does not work"
      actions={
        <Link href="/" className={buttonClass("secondary", "md", "h-11 sm:h-10")}>
          Home
        </Link>
      }
    >
      <p>It may be mistyped, or it has expired or was revoked. Ask the person who shared it for a new one.</p>
    </StatusPage>
  );
}
