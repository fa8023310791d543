/**
 * Exports in the desktop app: the system save dialog picks the file, then the core streams into it.
 * The only Electron-specific piece of export; the core calls it through CoreDeps.openExportTarget.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { BrowserWindow, dialog } from 'electron';
import type { OpenExportTarget } from '../core/messages/export.js';

export const saveDialogExport: OpenExportTarget = async ({ fileName }) => {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const csv = fileName.endsWith('.csv');
  const options = {
    title: 'Export messages',
    defaultPath: fileName,
    filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON Lines', extensions: ['jsonl'] }],
  };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  const path = choice.filePath;
  return { stream: createWriteStream(path), savedTo: path, discard: () => rm(path, { force: true }) };
};
