"use client";

import { onlineManager } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fetchSession, useSession } from "~/components/auth/session";
import { useCallback, useEffect, useReducer, useRef, useSyncExternalStore } from "react";
import { toast } from "~/components/ui/toast";
import { afterFirstLoad, LOAD_FAILED } from "~/lib/lazy";
import { workflowSchemas } from "~/lib/validation/lazy-schemas";
import type { AppErrorData } from "~/trpc/error-adapter";
import { api } from "~/trpc/react";
import { loginUrlFor } from "./draft";
import {
  initSaveFlow,
  retryDelay,
  SAVE_RETRIES,
  saveFlowReducer,
  saveStatusView,
  SLOW_SAVE_MS,
  type SavedRef,
  type SaveFlowAction,
  type SaveFlowState,
  type SaveStatusView,
} from "./save-flow";
import { copyName, isDirty, type Content } from "./save-state";

export interface SaveWorkflowOptions {
  /** The workflow as the page loaded it. */
  initial: { workflow: SavedRef | null; name: string; code: string };
  /** The editor's content now (the name field's value and CodeMirror's text). */
  getContent(): Content;
  /** Runs just before a save reads the content (the graph redrawn from the latest code). */
  beforeSave?(): void;
  /** Puts other content in the editor (the server's version, a restored draft). */
  replaceContent(content: Content): void;
  /** Keeps the content in this browser for the way back from log-in (the signed-out draft). */
  keepDraft(content: Content, workflowId: string | null): void;
  /** The server has what was sent: the local draft of this workflow (and of the new one it was) can go. */
  dropDraft(saved: { id: string; wasNew: boolean }): void;
  /** Lets the editor's own navigation pass the unsaved-changes guard. */
  allowNavigation(): void;
}

export interface SaveWorkflow {
  state: SaveFlowState;
  dispatch(action: SaveFlowAction): void;
  /** Whether the browser believes it is online (and the last request reached the server). */
  online: boolean;
  status(dirty: boolean): SaveStatusView;
  isDirty(content: Content): boolean;
  save(options?: { expectedVersion?: number; asCopy?: boolean }): Promise<void>;
  reloadTheirs(): Promise<void>;
  overwrite(): Promise<void>;
  saveCopy(): Promise<void>;
}

function errorData(error: unknown): AppErrorData | undefined {
  return (error as { data?: AppErrorData } | null)?.data;
}

/** A request that never reached our server (offline, DNS, connection refused): no answer in our error shape. */
export function isNetworkError(error: unknown): boolean {
  return errorData(error) === undefined;
}

function errorMessage(error: unknown): string {
  if (isNetworkError(error)) return "Could not reach the server. Your changes are kept on this device; try again.";
  return (error instanceof Error ? error.message : "") || "Something went wrong.";
}

const subscribeOnline = (onChange: () => void) => onlineManager.subscribe(onChange);
const isOnline = () => onlineManager.isOnline();

/**
 * Saves the editor's workflow through tRPC and keeps the save flow's state (save-flow.ts): the first save moves the
 * URL, a conflict opens the dialog, a copy opens the copy, a signed-out person goes to log in with the draft kept,
 * an offline save waits for the network and unreachable servers are retried with backoff (React Query's retryer,
 * paused by its `onlineManager` while the browser is offline).
 */
export function useSaveWorkflow(options: SaveWorkflowOptions): SaveWorkflow {
  const router = useRouter();
  const session = useSession();
  const utils = api.useUtils();
  const mutation = api.workflow.save.useMutation({
    retry: (failures, error) => isNetworkError(error) && failures < SAVE_RETRIES,
    retryDelay,
  });
  const [state, dispatch] = useReducer(saveFlowReducer, options.initial, initSaveFlow);
  const stateRef = useRef(state);
  const optionsRef = useRef(options);
  useEffect(() => {
    stateRef.current = state;
    optionsRef.current = options;
  });

  // React Query assumes "online" until an event says otherwise: start from what the browser knows.
  useEffect(() => {
    if (typeof navigator !== "undefined" && navigator.onLine === false) onlineManager.setOnline(false);
  }, []);
  const online = useSyncExternalStore(subscribeOnline, isOnline, () => true);

  // Why the save in flight waits: paused while offline, or failed requests being retried.
  const savingId = state.saving?.id ?? null;
  const wait = savingId === null ? null : mutation.isPaused ? "offline" : mutation.failureCount > 0 ? "unreachable" : null;
  useEffect(() => {
    if (savingId !== null) dispatch({ type: "save-waiting", id: savingId, wait });
  }, [savingId, wait]);
  // No spinner past SLOW_SAVE_MS without words.
  useEffect(() => {
    if (savingId === null) return;
    const timer = window.setTimeout(() => dispatch({ type: "save-slow", id: savingId }), SLOW_SAVE_MS);
    return () => window.clearTimeout(timer);
  }, [savingId]);

  const sendToLogin = useCallback(
    (content: Content, message: string) => {
      const workflowId = stateRef.current.workflow?.id ?? null;
      optionsRef.current.keepDraft(content, workflowId);
      optionsRef.current.allowNavigation();
      toast.info(message, { id: "login-to-save" });
      router.push(loginUrlFor(workflowId));
    },
    [router],
  );

  const inFlight = useRef(false);
  const { mutateAsync } = mutation;
  // The name's schema (and zod) is not in the editor's first load: fetched once the page is idle.
  useEffect(() => afterFirstLoad(() => void workflowSchemas().catch(() => {})), []);
  const save = useCallback(
    async ({ expectedVersion, asCopy = false }: { expectedVersion?: number; asCopy?: boolean } = {}) => {
      if (inFlight.current) return;
      // Claimed before the schema loads (docs/decisions/083), so a second Ctrl S meanwhile starts no second save.
      inFlight.current = true;
      const opts = optionsRef.current;
      opts.beforeSave?.();
      const content = opts.getContent();
      const nameToSave = asCopy ? copyName(content.name) : content.name;
      const parsed = await workflowSchemas().then(
        ({ workflowName }) => workflowName.safeParse(nameToSave),
        () => null,
      );
      if (!parsed?.success) {
        inFlight.current = false;
        dispatch({ type: "name-invalid", message: parsed ? (parsed.error.issues[0]?.message ?? "Check the name.") : LOAD_FAILED });
        return;
      }
      const id = stateRef.current.nextId;
      const target = asCopy ? null : stateRef.current.workflow;
      dispatch({ type: "save-started", asCopy });
      try {
        const signedIn = session.status === "authenticated" || (session.status === "loading" && (await fetchSession()) !== null);
        if (!signedIn) {
          dispatch({ type: "save-signed-out", id });
          sendToLogin(content, "Log in or sign up to save. Your draft will be waiting in the editor.");
          return;
        }
        const saved = await mutateAsync(
          target
            ? { id: target.id, name: parsed.data, code: content.code, expectedVersion: expectedVersion ?? target.version }
            : { name: parsed.data, code: content.code },
        );
        dispatch({ type: "save-succeeded", id, saved, content, asCopy });
        void utils.workflow.list.invalidate();
        if (asCopy) {
          toast.success(`Saved as “${saved.name}”`);
          opts.allowNavigation();
          router.push(`/workflows/${saved.id}`);
          return;
        }
        // The server has what was sent: the local draft goes (the editor writes a new one if it changed since).
        opts.dropDraft({ id: saved.id, wasNew: !target });
        // The new workflow's address, without leaving this page: the editor keeps its state and undo history.
        if (!target) window.history.replaceState(null, "", `/workflows/${saved.id}`);
        toast.success("Saved", { id: "saved" });
      } catch (error) {
        const data = errorData(error);
        if (data?.code === "CONFLICT" && target) {
          const details = data.details ?? {};
          dispatch({
            type: "save-conflict",
            id,
            conflict: {
              currentVersion: typeof details.currentVersion === "number" ? details.currentVersion : null,
              updatedAt: typeof details.updatedAt === "string" ? details.updatedAt : null,
            },
          });
        } else if (data?.code === "UNAUTHORIZED") {
          dispatch({ type: "save-signed-out", id });
          sendToLogin(content, "Your session ended. Log in again to save; your draft is kept.");
        } else if (data?.code === "NOT_FOUND" && target) {
          dispatch({ type: "save-not-found", id });
        } else {
          const fieldError = data?.fields?.name?.[0] ?? null;
          dispatch({ type: "save-failed", id, message: fieldError ?? errorMessage(error), nameError: fieldError });
        }
      } finally {
        inFlight.current = false;
      }
    },
    [mutateAsync, router, sendToLogin, session.status, utils],
  );

  const reloadTheirs = useCallback(async () => {
    const workflow = stateRef.current.workflow;
    if (!workflow) return;
    dispatch({ type: "conflict-busy", busy: true });
    try {
      const theirs = await utils.workflow.get.fetch({ id: workflow.id }, { staleTime: 0 });
      const content = { name: theirs.name, code: theirs.code };
      dispatch({ type: "theirs-loaded", workflow: { id: theirs.id, version: theirs.version }, content });
      optionsRef.current.replaceContent(content);
      optionsRef.current.dropDraft({ id: theirs.id, wasNew: false });
      toast.success("Loaded the saved version");
    } catch (error) {
      dispatch({ type: "conflict-busy", busy: false });
      toast.error(`Could not load the saved version: ${errorMessage(error)}`);
    }
  }, [utils]);

  const overwrite = useCallback(async () => {
    dispatch({ type: "conflict-busy", busy: true });
    const { conflict, workflow } = stateRef.current;
    let version = conflict?.currentVersion ?? null;
    if (version === null && workflow) {
      version = (await utils.workflow.get.fetch({ id: workflow.id }, { staleTime: 0 }).catch(() => null))?.version ?? null;
    }
    await save(version === null ? {} : { expectedVersion: version });
    dispatch({ type: "conflict-busy", busy: false });
  }, [save, utils]);

  const saveCopy = useCallback(async () => {
    dispatch({ type: "conflict-busy", busy: true });
    await save({ asCopy: true });
    dispatch({ type: "conflict-busy", busy: false });
  }, [save]);

  // Ctrl+S / Cmd+S saves (not while the conflict dialog asks, nor during a save).
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  const blocked = state.conflict !== null || state.saving !== null;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "s") return;
      event.preventDefault();
      if (!blocked) void saveRef.current();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [blocked]);

  const status = useCallback((dirty: boolean) => saveStatusView(state, dirty, online), [state, online]);
  const dirtyOf = useCallback((content: Content) => isDirty(state.baseline, content), [state.baseline]);

  return { state, dispatch, online, status, isDirty: dirtyOf, save, reloadTheirs, overwrite, saveCopy };
}
