import { method } from './define.js';
import { NoParamsSchema } from './refs.js';

export interface AppInfo {
  version: string;
  /** 'electron' inside the desktop window, 'browser' when served by `npm run serve`. */
  mode: 'electron' | 'browser';
  dataDir: string;
  /** Problems found at start-up that the user should know about (e.g. an unreadable connections file). */
  notices: string[];
  /** How saved passwords are protected, for the connection form. */
  secretStorage: { kind: 'keychain' | 'key-file'; description: string; warning: string | null };
}

export const appMethods = {
  'app.info': method(NoParamsSchema).returns<AppInfo>(),
};
