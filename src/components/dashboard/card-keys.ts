import type { KeyboardEvent } from "react";

/**
 * Arrow-key movement between the dashboard's cards (each card's link is a normal Tab stop too): Left/Right to the
 * previous and next card, Up/Down a row, Home/End to the first and last. Enter on a card's link opens it. Works
 * from anywhere inside a card, so the keys also leave a card's action buttons.
 */
export function onCardGridKeyDown(event: KeyboardEvent<HTMLElement>) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) return;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-card-link]"));
  const card = (event.target as HTMLElement).closest("li");
  const index = links.findIndex((link) => link.closest("li") === card);
  if (index < 0) return;
  const tops = links.map((link) => Math.round(link.closest("li")!.getBoundingClientRect().top));
  const columns = Math.max(1, tops.filter((top) => top === tops[0]).length);
  const target = {
    ArrowLeft: index - 1,
    ArrowRight: index + 1,
    ArrowUp: index - columns,
    ArrowDown: index + columns,
    Home: 0,
    End: links.length - 1,
  }[event.key]!;
  if (target < 0 || target >= links.length || target === index) return;
  event.preventDefault();
  links[target]!.focus();
  links[target]!.scrollIntoView({ block: "nearest" });
}
