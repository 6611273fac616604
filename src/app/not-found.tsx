import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "~/components/layout/status-page";
import { buttonClass } from "~/components/ui/button";

export const metadata: Metadata = { title: "Page not found · Workflow Studio" };

/** Any unknown address, and a workflow that does not exist or is not yours: inside the app's own frame. */
export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="This page does not exist"
      actions={
        <>
          <Link href="/dashboard" className={buttonClass("primary", "md", "h-11 sm:h-10")}>
            Go to your workflows
          </Link>
          <Link href="/" className={buttonClass("secondary", "md", "h-11 sm:h-10")}>
            Home
          </Link>
        </>
      }
    >
      <p>The link may be mistyped, or the workflow was deleted or belongs to someone else.</p>
    </StatusPage>
  );
}
