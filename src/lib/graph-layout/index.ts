export { layoutGraph, structureKey, boundsOf, type LayoutOptions, type LayoutDeps } from "./layout";
export { collapseGroups, collapsibleGroups } from "./collapse";
export { toSvg, svgSize, svgDataUrl, escapeXml, truncateLabel, PALETTES, type SvgOptions, type Palette } from "./export-svg";
export { createLayoutClient, type LayoutClient, type LayoutClientOptions, type LayoutWorkerLike } from "./layout-client";
export { NODE_SIZE, COLLAPSED_GROUP_SIZE, GROUP_PADDING, SPACING, STACK_OFFSET, leafSize, edgeLabelSize, labelClass } from "./node-size";
export type { LayoutDirection, LayoutResult, NodeBox, EdgeRoute } from "./types";
