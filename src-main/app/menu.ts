import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Apache Kafka documentation',
          click: () => void shell.openExternal('https://kafka.apache.org/documentation/'),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
