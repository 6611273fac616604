import { handleNextAuth } from "~/server/auth/next-auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth?: string[] }> };

/** next-auth (Credentials provider, JWT sessions): /api/auth/csrf, /session, /callback/credentials, /signout… */
async function handler(req: Request, context: Context) {
  const { nextauth } = await context.params;
  return handleNextAuth(req, Array.isArray(nextauth) ? nextauth : []);
}

export { handler as GET, handler as POST };
