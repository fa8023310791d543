import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Bridge, LinkState } from './types.js';

const BridgeContext = createContext<Bridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a <BridgeProvider> above it');
  return bridge;
}

/** 'open' for IPC; the WebSocket's state in browser mode. */
export function useLinkState(): LinkState {
  const bridge = useBridge();
  const [state, setState] = useState<LinkState>('open');
  useEffect(() => bridge.onLinkChange?.(setState), [bridge]);
  return state;
}
