// Samsa runs on the Node major that its Electron bundles (Electron 45: Node 24), so the desktop
// app, browser mode and the tests share one runtime and its built-ins (node:sqlite among them).
// `npm install` brings that Node from the npm registry (the `node` devDependency) and npm
// scripts find it first on their PATH; this guard catches a script started by hand with an
// older system Node.
const REQUIRED_MAJOR = 24;

const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  console.error(
    `Samsa needs Node ${REQUIRED_MAJOR} or newer, and this is Node ${process.versions.node}. ` +
      "Run it through npm (npm start, npm test, npm run …): npm puts the project's own Node " +
      `${REQUIRED_MAJOR} (installed by npm install) first on the PATH.`,
  );
  process.exit(1);
}
