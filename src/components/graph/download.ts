"use client";

import { svgDataUrl } from "~/lib/graph-layout/export-svg";

/** Saves `blob` as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), filename);
}

/**
 * Rasterises an SVG string (from `toSvg`) to PNG by drawing it onto a canvas. The SVG is
 * self-contained (no external fonts or images), so the canvas is not tainted. Large
 * drawings are scaled down to stay under the browsers' canvas size limits.
 */
export async function svgToPngBlob(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const maxSide = 16_000;
  const s = Math.max(0.1, Math.min(scale, maxSide / Math.max(width, 1), maxSide / Math.max(height, 1)));
  const image = new Image();
  image.decoding = "async";
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("Could not render the SVG"));
  });
  image.src = svgDataUrl(svg);
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * s);
  canvas.height = Math.ceil(height * s);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Canvas 2D is not available");
  context.scale(s, s);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}
