import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ConnectionProfile } from '../../contract.js';
import { ConnectionDialog } from '../connections/ConnectionDialog.js';
import { RemoveConnectionDialog } from '../connections/RemoveConnectionDialog.js';
import { navigate } from './useRoute.js';

interface ConnectionDialogsApi {
  openAdd: () => void;
  openEdit: (p: ConnectionProfile) => void;
  openRemove: (p: ConnectionProfile) => void;
}

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; profile: ConnectionProfile }
  | { kind: 'remove'; profile: ConnectionProfile }
  | null;

const Ctx = createContext<ConnectionDialogsApi | null>(null);

/** Add / edit / remove dialogs can be opened from the sidebar, the welcome page and a cluster's header. */
export function ConnectionDialogsProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const api: ConnectionDialogsApi = {
    openAdd: () => setOpen({ kind: 'add' }),
    openEdit: (profile) => setOpen({ kind: 'edit', profile }),
    openRemove: (profile) => setOpen({ kind: 'remove', profile }),
  };
  return (
    <Ctx.Provider value={api}>
      {children}
      {open?.kind === 'add' && (
        <ConnectionDialog
          onClose={close}
          onSaved={(saved) => {
            close();
            navigate({ page: 'cluster', clusterId: saved.id, section: 'overview' });
          }}
        />
      )}
      {open?.kind === 'edit' && <ConnectionDialog profile={open.profile} onClose={close} onSaved={close} />}
      {open?.kind === 'remove' && (
        <RemoveConnectionDialog
          profile={open.profile}
          onClose={close}
          onRemoved={() => {
            close();
            navigate({ page: 'home' });
          }}
        />
      )}
    </Ctx.Provider>
  );
}

export function useConnectionDialogs(): ConnectionDialogsApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useConnectionDialogs needs <ConnectionDialogsProvider>');
  return api;
}
