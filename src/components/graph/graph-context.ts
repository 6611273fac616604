"use client";

import { createContext, useContext } from "react";

export interface GraphActions {
  toggleGroup(id: string): void;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleGroup: () => {} });

export const useGraphActions = () => useContext(GraphActionsContext);
