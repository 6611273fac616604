/**
 * The PostgreSQL extensions our migrations create, as PGlite builds them. PGlite ships contrib extensions
 * separately and loads them only when named at start, so every PGlite the app, the tests or the migration tools
 * open passes these (on a PostgreSQL server the migration's CREATE EXTENSION is enough).
 */
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const pgliteExtensions = { pg_trgm };
