"use client";

import Link from "next/link";
import { signOut } from "~/components/auth/next-auth-client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

/**
 * The signed-in person's menu (WAI-ARIA menu button): Enter, Space or ArrowDown opens it on the first item,
 * ArrowUp on the last; arrows, Home and End move between items; Escape closes it and focus returns to the button;
 * Tab or a click elsewhere closes it.
 */
export function AccountMenu({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [focusOnOpen, setFocusOnOpen] = useState<"first" | "last">("first");
  const menuId = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const list = items();
    (focusOnOpen === "last" ? list.at(-1) : list[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, focusOnOpen]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setFocusOnOpen(event.key === "ArrowUp" ? "last" : "first");
      setOpen(true);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        return move(index + 1);
      case "ArrowUp":
        return move(index - 1);
      case "Home":
        return move(0);
      case "End":
        return move(list.length - 1);
      case "Escape":
        event.preventDefault();
        return close(true);
      case "Tab":
        return close(false);
    }
  }

  const initial = email.slice(0, 1).toUpperCase();
  return (
    <div ref={wrapperRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setFocusOnOpen("first");
          setOpen((value) => !value);
        }}
        onKeyDown={onButtonKeyDown}
        className="flex h-11 min-w-11 max-w-[16rem] items-center justify-center gap-2 rounded-full sm:h-9 sm:min-w-0 border border-slate-200 bg-white py-1 pr-1 pl-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 sm:pr-3 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className="grid size-7 shrink-0 place-items-center rounded-full bg-gradient-to-br from-indigo-500 to-violet-500 text-xs font-semibold text-white"
        >
          {initial}
        </span>
        <span className="sr-only min-w-0 sm:not-sr-only sm:truncate sm:whitespace-nowrap">{email}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="hidden size-4 shrink-0 text-slate-400 sm:block">
          <path fill="currentColor" d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Account"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-50 mt-2 w-56 origin-top-right overflow-hidden rounded-xl border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="truncate border-b border-slate-100 px-3 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400" role="none">
            Signed in as <span className="font-medium text-slate-700 dark:text-slate-200">{email}</span>
          </p>
          <Link
            href="/settings"
            role="menuitem"
            tabIndex={-1}
            onClick={() => close(false)}
            className="block px-3 py-3 text-sm text-slate-700 outline-none sm:py-2 hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
          >
            Settings
          </Link>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              setOpen(false);
              void signOut({ callbackUrl: "/" });
            }}
            className="block w-full px-3 py-3 text-left text-sm text-slate-700 outline-none sm:py-2 hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
          >
            Log out
          </button>
        </div>
      ) : null}
    </div>
  );
}
