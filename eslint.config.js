// ESLint: typescript-eslint's recommended rules for all TypeScript, React hooks rules for the
// renderer, and the layering rules the architecture depends on (see CONTRIBUTING.md).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.kafka/', 'test-results/', 'playwright-report/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'smart'],
      // Byte-level code matches control characters on purpose (binary detection, protocol text).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not use the React Compiler; its compatibility notes are noise here.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer never touches Node: call main through the bridge.' },
            { group: ['kafkajs', 'electron', 'ws'], message: 'The renderer never touches Kafka or Electron directly.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/contract/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\./).*', message: 'The contract is platform-free: only zod and its own files.' },
          ],
        },
      ],
    },
  },
  // The Kafka protocol codec stands alone, for the broker and client code alike: Node built-ins, the
  // compression packages and its own files only (tests may add vitest). Files sit at most one folder
  // deep, so `../` may leave a subfolder but `../../` would leave the codec.
  ...[
    { files: ['src-main/kafka-protocol/*.ts'], up: '' },
    { files: ['src-main/kafka-protocol/*/**/*.ts'], up: '|\\.\\./(?!\\.\\./)' },
  ].map(({ files, up }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!node:|\\./${up}|(fzstd|lz4js|snappyjs|vitest)$)`,
              message:
                'kafka-protocol imports nothing else of ours: only node:*, fzstd, lz4js, snappyjs and its own files.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src-main/core/**/*.ts', 'src-main/broker/**/*.ts', 'src-main/runtime/**/*.ts', 'src-main/hosts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/app and src-main/preload may import electron.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/testing/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'test-support/**/*.ts'],
    // Playwright fixtures that need no other fixture take `{}` by design.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
  prettier,
);
