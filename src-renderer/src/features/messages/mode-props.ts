import type { ReactNode } from 'react';
import type { ConnectionProfile } from '../../contract.js';
import type { WorkbenchProps } from './Workbench.js';
import type { ViewState } from './view-state.js';

/** What each view of the messages tab (browse, live, search) gets from the tab. */
export interface ModeProps {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
  state: ViewState;
  /** Changes the view; the address follows (so Back goes back to the previous page or search). */
  update: (patch: Partial<ViewState>) => void;
  connection: ConnectionProfile | null;
  /** The grid and detail settings shared by every view; each view adds its rows. */
  workbench: Omit<WorkbenchProps, 'rows' | 'loading' | 'emptyText' | 'onAwayFromTop'>;
  checked: ReadonlySet<string>;
  clearChecked: () => void;
  /** The view switch and the time format: the first row, which each view completes with its actions. */
  header: { modes: ReactNode; time: ReactNode };
}
