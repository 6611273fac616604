/**
 * The peer's tRPC set-up, the standard way: a context with the database and the caller read from a stateless JWT
 * (`Authorization: Bearer …`, HS256, checked by jose against PEER_JWT_SECRET — no session row), superjson as the
 * transformer, and a protected procedure that refuses a request without a valid token.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { jwtVerify } from "jose";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { db } from "~/server/db";

const secret = new TextEncoder().encode(process.env.PEER_JWT_SECRET);

async function userIdFrom(headers: Headers): Promise<string | null> {
  const authorization = headers.get("authorization");
  if (!authorization?.startsWith("Bearer ")) return null;
  try {
    const { payload } = await jwtVerify(authorization.slice("Bearer ".length), secret, { algorithms: ["HS256"] });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}

export const createTRPCContext = async (opts: { headers: Headers }) => ({
  db,
  userId: await userIdFrom(opts.headers),
  ...opts,
});

const t = initTRPC.context<typeof createTRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: { ...shape.data, zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null },
    };
  },
});

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { userId: ctx.userId } });
});
