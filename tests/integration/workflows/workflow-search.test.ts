/**
 * The dashboard's list over real HTTP (REST and tRPC): search by name, framework and code, framework filters, every
 * sort walked page by page, owner isolation, bad input and LIKE metacharacters (issue 14, contract-list.md).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../src/lib/examples";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const baseUrl = setupTestServer();

interface Entry {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  size: { bytes: number; lines: number };
  graph: { dialect: string; nodes: number | null };
  match: null | { field: "name" | "dialect" | "code"; snippet: string; line: number | null };
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

function get(path: string, token: string) {
  return fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function list(token: string, query: Record<string, string | string[]>): Promise<Page> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
  const response = await get(`/api/workflows?${params}`, token);
  expect(response.status, `GET /api/workflows?${params}`).toBe(200);
  return (await response.json()) as Page;
}

async function trpcList(token: string, input: unknown): Promise<Page> {
  const response = await get(`/api/trpc/workflow.list?input=${encodeURIComponent(JSON.stringify(input))}`, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: Page } }).result.data;
}

/** Every page of a list, following the cursors. */
async function walk(token: string, query: Record<string, string | string[]>): Promise<Entry[]> {
  const seen: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(token, cursor ? { ...query, cursor } : query);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return seen;
}

async function create(session: ApiSession, name: string, code: string): Promise<Entry> {
  const response = await fetch(`${baseUrl()}/api/workflows`, {
    method: "POST",
    headers: { authorization: `Bearer ${session.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name, code }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Entry;
}

const example = (dialect: string) => EXAMPLES.find((e) => e.dialect === dialect)!.code;
const names = (items: Entry[]) => items.map((i) => i.name).sort();

const CODE_WORD = "zanzibar_quota";
const PLAIN = `import csv\n\n\ndef main():\n    with open("in.csv") as f:\n        rows = list(csv.reader(f))\n    total = sum(int(r[1]) for r in rows)  # ${CODE_WORD.toUpperCase()} applies\n    print(total)\n`;
const LONG_LINE = `x = 1\nvalue = ${"'a' + ".repeat(80)}'${CODE_WORD}' + ${"'b' + ".repeat(80)}'c'\n`;

let me: ApiSession;
let other: ApiSession;

beforeAll(async () => {
  [me, other] = await Promise.all([signUp(baseUrl()), signUp(baseUrl())]);
  await create(me, "Nightly backup", example("airflow"));
  await create(me, "Research agent", example("langgraph"));
  await create(me, "Weekly report", example("prefect"));
  await create(me, "Log digest", example("dagster"));
  await create(me, "Model training", example("kedro"));
  await create(me, "Quota check", PLAIN);
  await create(me, "Long lines", LONG_LINE);
  await create(me, "airflow notes", "# plain python that mentions no framework\nprint('hi')\n");
  // Another person's workflows match every search below; they must never appear.
  await create(other, `Nightly backup ${CODE_WORD} 100% a_b`, `${CODE_WORD} = "\\\\ ' \\""\n${example("airflow")}`);
});

describe("search", () => {
  it("finds names case-insensitively and says the name matched", async () => {
    const { items } = await list(me.accessToken, { search: "  NIGHTLY " });
    expect(items.map((i) => [i.name, i.match])).toEqual([["Nightly backup", { field: "name", snippet: "Nightly backup", line: null }]]);
  });

  it("finds workflows by framework, however it is spelled", async () => {
    for (const search of ["airflow", "AIRFLOW", "Airflow"]) {
      const { items } = await list(me.accessToken, { search });
      expect(names(items)).toEqual(["Nightly backup", "airflow notes"]);
      expect(items.find((i) => i.name === "Nightly backup")!.match).toEqual({ field: "dialect", snippet: "Airflow", line: null });
      expect(items.find((i) => i.name === "airflow notes")!.match).toMatchObject({ field: "name" });
    }
    for (const search of ["LangGraph", "langgraph", "LANGGRAPH"]) {
      const { items } = await list(me.accessToken, { search });
      expect(names(items)).toEqual(["Research agent"]);
      expect(items[0]!.graph.dialect).toBe("langgraph");
    }
  });

  it("finds a word only in the code, with its line and a snippet around it, never the whole code", async () => {
    const response = await get(`/api/workflows?search=${CODE_WORD}`, me.accessToken);
    const text = await response.text();
    const { items } = JSON.parse(text) as Page;
    expect(names(items)).toEqual(["Long lines", "Quota check"]);
    const quota = items.find((i) => i.name === "Quota check")!;
    expect(quota.match).toEqual({ field: "code", line: 7, snippet: `total = sum(int(r[1]) for r in rows)  # ${CODE_WORD.toUpperCase()} applies` });
    const long = items.find((i) => i.name === "Long lines")!.match!;
    expect(long).toMatchObject({ field: "code", line: 2 });
    expect(long.snippet.length).toBeLessThanOrEqual(160);
    expect(long.snippet).toContain(CODE_WORD);
    expect(long.snippet).toMatch(/^….*…$/);
    expect(text).not.toContain("import csv");
    expect(text.length).toBeLessThan(4000);
  });

  it("matches nothing outside names, frameworks and code, and says match null without a search", async () => {
    expect((await list(me.accessToken, { search: "no such thing anywhere" })).items).toEqual([]);
    const all = await list(me.accessToken, { search: "   " });
    expect(all.items).toHaveLength(8);
    for (const item of all.items) expect(item.match).toBeNull();
  });

  it("answers the same over tRPC as over REST", async () => {
    const rest = await list(me.accessToken, { search: "report", dialect: ["prefect", "airflow"], sort: "name" });
    const trpc = await trpcList(me.accessToken, { search: "report", dialects: ["prefect", "airflow"], sort: "name" });
    expect(trpc).toEqual(rest);
    expect(names(rest.items)).toEqual(["Nightly backup", "Weekly report"]);
  });
});

describe("framework filters", () => {
  it("lists only the chosen frameworks, with and without a search", async () => {
    expect(names((await list(me.accessToken, { dialect: ["airflow", "kedro"] })).items)).toEqual(["Model training", "Nightly backup"]);
    expect(names((await list(me.accessToken, { dialect: "generic" })).items)).toEqual(["Long lines", "Quota check", "airflow notes"]);
    expect(names((await list(me.accessToken, { dialect: "generic", search: "airflow" })).items)).toEqual(["airflow notes"]);
    expect(names((await list(me.accessToken, { dialect: ["kedro", "kedro"], search: "training" })).items)).toEqual(["Model training"]);
    expect((await trpcList(me.accessToken, { dialects: [] })).items).toHaveLength(8);
  });
});

describe("sorts and pages", () => {
  const expectations = {
    updated: (a: Entry, b: Entry) => cmp(b.updatedAt, a.updatedAt) || cmp(b.id, a.id),
    created: (a: Entry, b: Entry) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id),
    name: (a: Entry, b: Entry) => cmp(a.name, b.name) || cmp(a.id, b.id),
    size: (a: Entry, b: Entry) => b.size.bytes - a.size.bytes || cmp(b.id, a.id),
    nodes: (a: Entry, b: Entry) => (b.graph.nodes ?? -1) - (a.graph.nodes ?? -1) || cmp(b.id, a.id),
  };

  it("walks every sort page by page in order, each workflow exactly once, ties broken by id", async () => {
    const walker = await signUp(baseUrl());
    // Repeated names, sizes and node counts, so that every sort has ties to break.
    for (let i = 0; i < 11; i++) {
      const code = i % 3 === 0 ? example("prefect") : i % 3 === 1 ? `print(${i % 2})\n` : example("airflow");
      await create(walker, `flow${i % 4}`, code);
    }
    const all = (await list(walker.accessToken, { limit: "100" })).items;
    expect(all).toHaveLength(11);
    for (const [sort, compare] of Object.entries(expectations)) {
      const walked = await walk(walker.accessToken, { sort, limit: "3" });
      expect(walked.map((i) => i.id), sort).toEqual([...all].sort(compare).map((i) => i.id));
      // With a search the pages are walked the same way.
      const searched = await walk(walker.accessToken, { sort, limit: "2", search: "flow" });
      expect(searched.map((i) => i.id), `${sort} with search`).toEqual([...all].sort(compare).map((i) => i.id));
      const filtered = await walk(walker.accessToken, { sort, limit: "2", dialect: "airflow" });
      expect(filtered.map((i) => i.id), `${sort} filtered`).toEqual(
        [...all].filter((i) => i.graph.dialect === "airflow").sort(compare).map((i) => i.id),
      );
    }
  });
});

describe("owner isolation", () => {
  it("never shows another person's matching workflow", async () => {
    for (const search of ["Nightly", CODE_WORD, "airflow", "100%", "a_b", "\\", "'"]) {
      const { items } = await list(me.accessToken, { search });
      expect(items.every((i) => !i.name.includes(CODE_WORD)), search).toBe(true);
    }
    const theirs = await list(other.accessToken, { search: CODE_WORD });
    expect(theirs.items).toHaveLength(1);
  });
});

describe("metacharacters", () => {
  it("searches %, _, \\ and quotes literally", async () => {
    const person = await signUp(baseUrl());
    for (const name of ["100% done", "100 percent", "a_b", "axb", "back\\slash", "backslash", "it's", "its", 'say "hi"', "say hi"]) {
      await create(person, name, "pass\n");
    }
    const found = async (search: string) => names((await list(person.accessToken, { search })).items);
    expect(await found("%")).toEqual(["100% done"]);
    expect(await found("0% d")).toEqual(["100% done"]);
    expect(await found("_")).toEqual(["a_b"]);
    expect(await found("a_b")).toEqual(["a_b"]);
    expect(await found("\\")).toEqual(["back\\slash"]);
    expect(await found("k\\s")).toEqual(["back\\slash"]);
    expect(await found("'")).toEqual(["it's"]);
    expect(await found('"hi"')).toEqual(['say "hi"']);
    expect(await found("'; DROP TABLE workflows; --")).toEqual([]);
    expect((await list(person.accessToken, {})).items).toHaveLength(10);
  });
});

describe("bad input", () => {
  const bad: Array<[string, string]> = [
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["sort=stars", "sort"],
    ["dialect=cobol", "dialects"],
    [`search=${"x".repeat(201)}`, "search"],
    ["cursor=not-a-cursor", "cursor"],
    ["q=old", ""],
    ["sort=name&sort=updated", "sort"],
    [`${"dialect=airflow&".repeat(7)}x=1`, ""],
  ];

  it("answers 400 in the one error shape for every bad parameter", async () => {
    for (const [query, field] of bad) {
      const response = await get(`/api/workflows?${query}`, me.accessToken);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string; requestId: string; fields?: Record<string, string[]> } };
      expect(body.error, query).toMatchObject({ code: "BAD_REQUEST", message: expect.any(String), requestId: expect.any(String) });
      if (field) expect(Object.keys(body.error.fields ?? {}).some((key) => key.startsWith(field)), query).toBe(true);
      expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|prisma|SELECT|at \//i);
    }
  });

  it("refuses a cursor of another sort, and over tRPC too", async () => {
    const { nextCursor } = await list(me.accessToken, { limit: "1", sort: "size" });
    expect(nextCursor).toEqual(expect.any(String));
    const response = await get(`/api/workflows?limit=1&sort=nodes&cursor=${nextCursor}`, me.accessToken);
    expect(response.status).toBe(400);
    const trpc = await get(`/api/trpc/workflow.list?input=${encodeURIComponent(JSON.stringify({ search: "x".repeat(201) }))}`, me.accessToken);
    expect(trpc.status).toBe(400);
    expect(await trpc.json()).toMatchObject({ error: { code: "BAD_REQUEST", fields: { search: [expect.any(String)] } } });
  });
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
