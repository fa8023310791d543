import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The application menu; "About Samsa" opens the app's own About dialog (version and licences). */
export function buildMenu(opts: { onAbout: () => void }): Menu {
  const isMac = process.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About Samsa', click: opts.onAbout };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: 'Samsa',
            submenu: [
              about,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
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
        ...(isMac ? [] : [{ type: 'separator' as const }, about]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
