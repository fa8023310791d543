import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Samsa keeps its data when not run by Electron: the same folder Electron's
 * app.getPath('userData') gives for productName "Samsa", so both modes share connections.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SAMSA_DATA_DIR) return env.SAMSA_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Samsa');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Samsa');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Samsa');
}
