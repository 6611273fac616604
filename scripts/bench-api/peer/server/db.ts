/**
 * The peer's database client, as a create-t3-app-style project makes it: Prisma 7's generated client (its default
 * query compiler) over the `pg` driver adapter, one client per process. The benchmark writes the schema and runs
 * `prisma generate` into ./generated/prisma when it builds the peer (scripts/bench-api/peer.ts).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";

const createPrismaClient = () =>
  new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
    log: ["error"],
  });

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> };

export const db = globalForPrisma.prisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
